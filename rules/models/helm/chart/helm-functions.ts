import { goTypeName } from '../functions/go-fmt';
import type { FunctionEntry, FunctionTable } from '../functions/types';
import { TemplateError, type GoValue } from '../value';

/**
 * The functions Helm's engine adds that need the renderer or the render's state (pkg/engine/engine.go):
 * `include`, `tpl`, `required`, `fail`, and the cluster-less `lookup` / `getHostByName` of `helm template`.
 * `required`/`fail` throw Helm's wrapped message; the renderer unwraps it into a `required`/`fail` problem for
 * that template, as Helm's cleanupExecError does.
 */

const START = 'HELM_ERR_START';
const END = 'HELM_ERR_END';

/** Which Helm function failed last in this render (the evaluator wraps the error, so the kind travels here). */
export interface FailureRecord {
  kind?: 'required' | 'fail';
}

/** `lintMode`: Helm's Engine.LintMode, where `required` and `fail` give an empty string instead of failing. */
export function helmFunctions(failure: FailureRecord, lintMode = false): FunctionTable {
  // Each entry's fields in the library's order (`fn`, `arity`, `keepsOrigin`): one object shape for the evaluator.
  const entries: [string, FunctionEntry][] = [
    ['include', {
      fn: ([name, data], call) => {
        if (typeof name !== 'string') throw new TemplateError(`wrong type for value; expected string; got ${goTypeName(name)}`);
        if (!call.include) throw new TemplateError('include is not available here');
        return call.include(name, data);
      },
      arity: [2, 2],
      keepsOrigin: false,
    }],
    ['tpl', {
      fn: ([text, data], call) => {
        if (typeof text !== 'string') throw new TemplateError(`wrong type for value; expected string; got ${goTypeName(text)}`);
        if (!call.tpl) throw new TemplateError('tpl is not available here');
        return call.tpl(text, data).replaceAll('<no value>', '');
      },
      arity: [2, 2],
      keepsOrigin: true,
    }],
    ['required', {
      fn: ([warn, value]) => {
        if (value === null || value === '') {
          if (lintMode) return '';
          failure.kind = 'required';
          throw new TemplateError(`${START}${typeof warn === 'string' ? warn : String(warn)}${END}`);
        }
        return value;
      },
      arity: [2, 2],
      keepsOrigin: true,
    }],
    ['fail', {
      fn: ([message]) => {
        if (lintMode) return '';
        failure.kind = 'fail';
        throw new TemplateError(`${START}${typeof message === 'string' ? message : String(message)}${END}`);
      },
      arity: [1, 1],
      keepsOrigin: false,
    }],
    // `helm template` has no cluster: lookup finds nothing (an empty map), DNS is off.
    ['lookup', { fn: () => new Map<string, GoValue>(), arity: [4, 4], keepsOrigin: false }],
    ['getHostByName', { fn: () => '', arity: [1, 1], keepsOrigin: false }],
  ];
  return new Map(entries);
}

/**
 * Helm's cleanupExecError: `template: x:3:4: executing "x" at <…>: error calling required: HELM_ERR_START msg
 * HELM_ERR_END` becomes `execution error at (x:3:4): msg`. Other messages are returned unchanged.
 */
export function cleanupExecError(message: string): { message: string; helm: boolean } {
  const tokens = splitN(message, ': ', 3);
  if (tokens.length !== 3 || !message.startsWith('template: ')) return { message, helm: false };
  const wrapped = new RegExp(`${START}([\\s\\S]*)${END}`).exec(tokens[2]);
  if (!wrapped) return { message, helm: false };
  return { message: `execution error at (${tokens[1]}): ${wrapped[1]}`, helm: true };
}

/** Helm's cleanupParseError: `template: x:3: unexpected …` becomes `parse error at (x:3): unexpected …`. */
export function cleanupParseError(file: string, message: string): string {
  const tokens = message.split(': ');
  if (tokens.length === 1) return `parse error in (${file}): ${message}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

function splitN(text: string, separator: string, count: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < count - 1) {
    const at = rest.indexOf(separator);
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + separator.length);
  }
  parts.push(rest);
  return parts;
}
