import { RenderBudgetError } from '../template/errors';
import { type GoValue, isGoMap, TemplateError } from '../value';
import { entry, stringArg } from './arguments';
import { jsonKind, parseJson, toJsonText } from './go-json';
import { marshalToml, parseToml } from './go-toml';
import { marshalYaml, marshalYamlPretty, parseYaml } from './go-yaml';
import type { FunctionEntry } from './types';

/**
 * Helm's conversion functions (pkg/engine/funcs.go) and Sprig's JSON ones. The plain forms swallow errors as Helm
 * does — toYaml/toJson give "", fromYaml/fromJson give a map whose "Error" key holds the message, fromYamlArray/
 * fromJsonArray a one-element list with it — and the must* forms stop the render with the error.
 */

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function quietly(fn: () => string): string {
  try {
    return fn();
  } catch (error) {
    if (error instanceof TemplateError && !(error instanceof RenderBudgetError)) return '';
    throw error;
  }
}

const trimNewline = (text: string) => (text.endsWith('\n') ? text.slice(0, -1) : text);

const toYaml = (value: GoValue) => trimNewline(marshalYaml(value));
const toYamlPretty = (value: GoValue) => trimNewline(marshalYamlPretty(value));
const toJson = (value: GoValue) => toJsonText(value);
const toPrettyJson = (value: GoValue) => toJsonText(value, { escapeHTML: true, indent: '  ' });
const toRawJson = (value: GoValue) => toJsonText(value, { escapeHTML: false });

function unmarshalMap(parse: (text: string) => GoValue, text: string, prefix: string): GoValue {
  try {
    const value = parse(text);
    if (value === null) return new Map();
    if (isGoMap(value)) return value;
    throw new TemplateError(`${prefix}json: cannot unmarshal ${jsonKind(value)} into Go value of type map[string]interface {}`);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return new Map([['Error', errorText(error)]]);
  }
}

function unmarshalList(parse: (text: string) => GoValue, text: string, prefix: string): GoValue {
  try {
    const value = parse(text);
    if (value === null) return [];
    if (Array.isArray(value)) return value;
    throw new TemplateError(`${prefix}json: cannot unmarshal ${jsonKind(value)} into Go value of type []interface {}`);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return [errorText(error)];
  }
}

const yamlPrefix = 'error unmarshaling JSON: while decoding JSON: ';

export const conversionFunctionsHelm: Record<string, FunctionEntry> = {
  toYaml: entry((args) => quietly(() => toYaml(args[0])), [1, 1], true),
  mustToYaml: entry((args) => toYaml(args[0]), [1, 1], true),
  toYamlPretty: entry((args) => quietly(() => toYamlPretty(args[0])), [1, 1], true),
  fromYaml: entry((args) => unmarshalMap(parseYaml, stringArg(args, 0), yamlPrefix), [1, 1], true),
  fromYamlArray: entry((args) => unmarshalList(parseYaml, stringArg(args, 0), yamlPrefix), [1, 1], true),
  toJson: entry((args) => quietly(() => toJson(args[0])), [1, 1], true),
  mustToJson: entry((args) => toJson(args[0]), [1, 1], true),
  toPrettyJson: entry((args) => quietly(() => toPrettyJson(args[0])), [1, 1], true),
  mustToPrettyJson: entry((args) => toPrettyJson(args[0]), [1, 1], true),
  toRawJson: entry((args) => quietly(() => toRawJson(args[0])), [1, 1], true),
  mustToRawJson: entry((args) => toRawJson(args[0]), [1, 1], true),
  fromJson: entry((args) => unmarshalMap(parseJson, stringArg(args, 0), ''), [1, 1], true),
  mustFromJson: entry((args) => parseJson(stringArg(args, 0)), [1, 1], true),
  fromJsonArray: entry((args) => unmarshalList(parseJson, stringArg(args, 0), ''), [1, 1], true),
  toToml: entry((args) => {
    try {
      return marshalToml(args[0]);
    } catch (error) {
      if (error instanceof TemplateError) return error.message;
      throw error;
    }
  }, [1, 1], true),
  mustToToml: entry((args) => marshalToml(args[0]), [1, 1], true),
  fromToml: entry((args) => {
    try {
      return parseToml(stringArg(args, 0));
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      return new Map([['Error', error.message]]);
    }
  }, [1, 1], true),
};
