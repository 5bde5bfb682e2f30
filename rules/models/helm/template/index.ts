/** Go's text/template for the Helm renderer: parse files into a shared set, execute a template with a source map. */
export { parseTemplates, TemplateParseCache, TemplateSet } from './template-set';
export { TemplateParseError } from './parser';
export { executeTemplate, type ExecuteOptions } from './exec';
export { ArgumentTypeError, RenderBudgetError, TemplateExecError, type BudgetLimit } from './errors';
export { GO_BUILTINS, isTrue } from './builtins';
