// The engine as a library (benchmarks; embedding in other tools): the engine's API, with the registry's rules as
// the default of its lint entry points (the engine itself knows no rule: issue 18).
export * from './engine';
export { ALL_RULES, ALL_RULE_METAS } from './index';
export { lint, lintChart, lintFile, lintKustomizations } from './registry-lint';
// The YAML parse as the engine does it for compose and Kubernetes files, and yaml's own, from this bundle's copy of
// yaml (debug switches compiled out, as shipped): scripts/bench/scan-floor.mjs --parser engine|yaml.
export { parseYamlDocuments } from './models/yaml-cst';
export { parseAllDocuments as yamlParseAllDocuments, parseDocument as yamlParseDocument } from 'yaml';
