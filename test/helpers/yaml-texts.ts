import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { SHARED_DIR } from './shared';

/** The YAML texts the own-parser conformance tests (yaml-cst, yaml-lex) hold to yaml's: corpora, pieces, samples. */

export function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** Every string of a JSON value that may be a YAML text (the kustomize and Helm oracles' inputs and outputs). */
function* textsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') {
    if (value.includes('\n') || value.includes(': ')) yield value;
  } else if (Array.isArray(value)) for (const item of value) yield* textsIn(item);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) yield* textsIn(item);
}

/** The corpora whose texts the conformance tests read. */
export const YAML_CORPORA = ['realworld', 'peers', 'helm', 'kustomize'];

/** The YAML texts of a shared corpus: files, and the texts inside the kustomize and Helm case files. */
export function corpusTexts(set: string): Array<{ where: string; text: string }> {
  const texts: Array<{ where: string; text: string }> = [];
  for (const path of filesUnder(join(SHARED_DIR, 'corpus', set))) {
    if (/\.(ya?ml|txt|snap|tpl|template)$/i.test(path)) texts.push({ where: path, text: readFileSync(path, 'utf8') });
    else if (path.endsWith('.json') && (set === 'kustomize' || set === 'helm')) {
      let index = 0;
      for (const text of textsIn(JSON.parse(readFileSync(path, 'utf8')))) texts.push({ where: `${path} #${index++}`, text });
    }
  }
  return texts;
}

/** Realworld manifests (not chart templates), their first 3,000 characters: the texts random edits start from. */
export function manifestSamples(): string[] {
  return [...filesUnder(join(SHARED_DIR, 'corpus', 'realworld'))]
    .filter((path) => /\.ya?ml$/.test(path) && !path.includes('/templates/'))
    .slice(0, 300)
    .map((path) => readFileSync(path, 'utf8').slice(0, 3000));
}

/** Pieces of YAML (and of what breaks it) for generated texts. */
export const YAML_PIECES = [
  'a', 'key', 'b c', ':', ': ', ' ', '  ', '    ', '\t', '\n', '\r\n', '- ', '-', '# c', ' # c', '[', ']', '{', '}', ', ', ',',
  '"q"', '"a\nb"', "'s'", "'it''s'", '|', '|-', '>', '>+2', '&a ', '*a', '!t ', '!!str ', '---', '---\n', '...', '...\n',
  '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '?', '? ', 'x: y', 'x:', '"k": v', '\ufeff', '@', '`', '1', 'true', '~', '{{ .x }}',
  '\n  ', '\n- ', '\n  - ', '\n    ', '#', 'a: |\n  line\n', 'a: >-\n  x\n\n  y\n',
];

/**
 * Holds `conforms` (which asserts, and answers whether our stage took the text rather than giving up) to every text of a
 * corpus; answers how many texts outside chart templates (not YAML before rendering) it took, of how many.
 */
export function conformsOnCorpus(set: string, conforms: (text: string, where: string) => boolean): { taken: number; yamlTexts: number } {
  const texts = corpusTexts(set);
  if (texts.length === 0) throw new Error(`no texts under corpus/${set}`);
  let taken = 0;
  let yamlTexts = 0;
  for (const { where, text } of texts) {
    const isTaken = conforms(text, where);
    if (where.includes('/templates/')) continue;
    yamlTexts++;
    if (isTaken) taken++;
  }
  return { taken, yamlTexts };
}

/** Texts made from realworld manifests by one to four random edits (a span replaced by one of `pieces`, or cut). */
export function editedManifests(pieces: string[]): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.constantFrom(...pieces, ''));
  return fc.tuple(fc.constantFrom(...manifestSamples()), fc.array(edit, { minLength: 1, maxLength: 4 })).map(([sample, edits]) => {
    let text = sample;
    for (const [at, removed, inserted] of edits) {
      const offset = at % (text.length + 1);
      text = text.slice(0, offset) + inserted + text.slice(offset + removed);
    }
    return text;
  });
}

/** Cases per fast-check property: YAML_FUZZ_RUNS (a session's long conformance run), else a quick 3,000. */
export const FUZZ_RUNS = Number(process.env.YAML_FUZZ_RUNS) || 3000;

/**
 * An assertion that our stage (`ours`, undefined when it gives up) answers what yaml's (`theirs`, the oracle) does for a
 * text; it answers whether ours took the text.
 */
export function conformance<T>(ours: (text: string) => T | undefined, theirs: (text: string) => T): (text: string, where: string) => boolean {
  return (text, where) => {
    const answer = ours(text);
    if (answer === undefined) return false;
    assert.deepStrictEqual(answer, theirs(text), where);
    return true;
  };
}
