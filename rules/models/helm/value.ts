/**
 * Go values as the Helm renderer sees them. Helm hands templates `map[string]interface{}` trees, so the
 * renderer models Go's dynamic types, not JavaScript's:
 *
 * | Go                                   | here                      | note |
 * | ------------------------------------ | ------------------------- | ---- |
 * | nil (interface, pointer, missing key)| `null`                    | text/template prints `<no value>`; Helm's engine removes that text from rendered files |
 * | bool                                 | `boolean`                 | |
 * | float64                              | `number`                  | values files load every number as float64: `1000000` prints `1e+06` |
 * | int, int64, uint… (any integer kind) | `bigint`                  | template constants, `len`, `add`, `int`… |
 * | string                               | `string`                  | |
 * | []byte                               | `Uint8Array`              | `.Files.GetBytes`, some Sprig results |
 * | []interface{} (and other slices)     | `GoValue[]`               | |
 * | map[string]interface{}               | `GoMap` (a JS `Map`)      | `range` visits keys in sorted order |
 * | a struct or an object with methods   | `GoObject`                | `.Release`, `.Chart`, `.Capabilities`, `.Files`, `.Template` |
 *
 * Nothing here knows about rules, LSP or the file system.
 */
export type GoValue = null | boolean | number | bigint | string | Uint8Array | GoValue[] | GoMap | GoObject;
export type GoMap = Map<string, GoValue>;

/** A method of a Go object, called with already-evaluated arguments (`.Files.Get "x"`, `.Capabilities.APIVersions.Has "v1"`). */
export type GoMethod = (args: GoValue[]) => GoValue;

/**
 * A Go struct value: named fields (a missing field is an error, unlike a map's missing key) and methods.
 * `typeName` is what Go's `%T` / Sprig's `typeOf` would print (`chart.Metadata`, `*chart.Metadata`…).
 */
export class GoObject {
  constructor(
    readonly typeName: string,
    readonly fields: ReadonlyMap<string, GoValue>,
    readonly methods: ReadonlyMap<string, GoMethod> = new Map(),
  ) {}
}

/**
 * A Go map type that has methods: Helm's `.Files` is `map[string][]byte` with `Get`, `Glob`, `AsConfig`…
 * It ranges, indexes and prints as a map; `.Name` looks for a method first (as Go's evaluator does for any
 * named type), then falls back to the map key.
 */
export class GoMethodMap extends Map<string, GoValue> {
  constructor(
    readonly typeName: string,
    entries: Iterable<readonly [string, GoValue]>,
    readonly methods: ReadonlyMap<string, GoMethod>,
  ) {
    super(entries);
  }
}

/** An error raised while executing a template or calling a function; the evaluator adds the position. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

export function isGoMap(value: GoValue): value is GoMap {
  return value instanceof Map;
}
