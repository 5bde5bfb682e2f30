// The engine as a library (benchmarks; embedding in other tools): the engine's API, with the registry's rules as
// the default of its lint entry points (the engine itself knows no rule: issue 18).
export * from './engine';
export { ALL_RULES, ALL_RULE_METAS } from './index';
export { lint, lintChart, lintFile, lintKustomizations } from './registry-lint';
// The engine's YAML parse (yaml's parseAllDocuments with our lexer and CST stage): the scan floor's `--parser engine`.
export { parseYamlDocuments } from './models/yaml-cst';
