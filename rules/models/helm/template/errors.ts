/**
 * The errors a template execution throws besides plain TemplateError: each knows where it happened, so the
 * chart renderer can turn it into a `not-analysed` finding at the template position.
 */
import { TemplateError } from '../value';

/** Go's ExecError: `template: <file name>:<line>:<col>: executing "<template>" at <node>: <message>`. */
export class TemplateExecError extends TemplateError {
  constructor(
    message: string,
    /** The template file (source set path) and offset of the node that failed. */
    readonly file: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'TemplateExecError';
  }
}

export type BudgetLimit = 'steps' | 'output' | 'deadline' | 'depth';

/** A render budget ran out (hostile or runaway template): the render stops; no Go equivalent. */
export class RenderBudgetError extends TemplateError {
  constructor(
    message: string,
    readonly limit: BudgetLimit,
    readonly file?: string,
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'RenderBudgetError';
  }
}

/**
 * Go's reflect rejected an argument before the function ran (`invalid value; expected string`): the evaluator
 * reports it without Go's `error calling <fn>:` prefix. Functions throw it for argument type errors.
 */
export class ArgumentTypeError extends TemplateError {
  constructor(message: string) {
    super(message);
    this.name = 'ArgumentTypeError';
  }
}
