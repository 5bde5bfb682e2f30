import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import fc from 'fast-check';
import { detectKind } from '../../rules/engine/detect-kind';
import { splitArgumentsOnce } from '../../rules/models/dockerfile-arguments';
import { realworldIndex, realworldPath, SHARED_AVAILABLE, SHARED_DIR, SHARED_SKIP_REASON } from '../helpers/shared';
import { filesUnder } from '../helpers/yaml-texts';

type Parser = typeof DockerfileParser;

/** A second copy of dockerfile-ast, loaded apart from the one the engine uses, so that it splits as the library does. */
function unchangedParser(): Parser {
  const isLibrary = (key: string) => /[\\/]node_modules[\\/]dockerfile-ast[\\/]/.test(key);
  const kept = Object.entries(require.cache).filter(([key]) => isLibrary(key));
  for (const [key] of kept) delete require.cache[key];
  try {
    return (require('dockerfile-ast') as { DockerfileParser: Parser }).DockerfileParser;
  } finally {
    for (const [key, module] of kept) require.cache[key] = module;
  }
}

interface Part {
  getValue(): unknown;
  getRange(): unknown;
  getName?(): unknown;
}

/** An argument, flag, property, variable or heredoc as plain data; anything else as it is. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (!value || typeof value !== 'object' || !('getValue' in value)) return value;
  const part = value as Part;
  return { value: part.getValue(), range: part.getRange(), name: part.getName?.() };
}

/** Everything an instruction answers about its arguments, as plain data (methods a kind lacks are skipped). */
function argumentView(instruction: Instruction): unknown {
  const call = (name: string): unknown => {
    const method = (instruction as unknown as Record<string, unknown>)[name];
    if (typeof method !== 'function') return undefined;
    // Some of the library's methods throw on odd texts (getHeredocs on an unclosed `<<`): the same throw is the same answer.
    try {
      return plain((method as () => unknown).call(instruction));
    } catch (error) {
      return { threw: String(error) };
    }
  };
  const names = ['getKeyword', 'toString', 'getArguments', 'getArgumentsContent', 'getRawArgumentsContent', 'getArgumentsRange', 'getArgumentsRanges', 'getExpandedArguments', 'getFlags', 'getJSONStrings', 'getProperties', 'getVariables', 'getHeredocs', 'getClosingBracket', 'getOpeningBracket'];
  const view: Record<string, unknown> = Object.fromEntries(names.map((name) => [name, call(name)]));
  // Asked twice: a flag shifted off one answer must not be missing from the next.
  view.again = call('getArguments');
  const trigger = (instruction as Instruction & { getTriggerInstruction?: () => Instruction | null }).getTriggerInstruction?.();
  if (trigger) view.trigger = argumentView(trigger);
  return view;
}

function assertSameSplit(text: string, original: Parser, name: string): void {
  const expected = original.parse(text).getInstructions().map(argumentView);
  const actual = DockerfileParser.parse(text).getInstructions().map(argumentView);
  assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)), name);
}

describe('dockerfile-ast arguments split once', () => {
  splitArgumentsOnce();
  const original = unchangedParser();

  it('loads a second, unchanged copy of the library to compare with', () => {
    assert.notEqual(original, DockerfileParser);
    const memoised = DockerfileParser.parse('FROM a\nRUN --mount=type=cache,target=/x echo hi\n').getInstructions()[1];
    const args = memoised.getArguments();
    args.length = 0; // a caller changing the array it got changes nothing for the next caller
    assert.deepEqual(
      memoised.getArguments().map((arg) => arg.getValue()),
      ['echo', 'hi'],
    );
  });

  it('places arguments before and after a position as the library does, before any range is asked for', () => {
    const text = 'FROM a\nRUN apt-get install -y \\\n    curl && \\\n    rm -rf /x\n';
    const positions = [0, 2, 4, 8, 12, 30].flatMap((character) => [1, 2, 3].map((line) => ({ line, character })));
    const answers = (parser: Parser) =>
      parser.parse(text).getInstructions()[1].getArguments().map((argument) => positions.map((position) => [argument.isBefore(position), argument.isAfter(position)]));
    assert.deepEqual(answers(DockerfileParser), answers(original));
  });

  it('answers as the library does on instructions of every shape', () => {
    const cases = [
      'FROM --platform=$BUILDPLATFORM node:20 AS build\nARG A=1 B\nENV X=1 Y="two words" \\\n  Z=3\n',
      'FROM a\nRUN --mount=type=cache,target=/root/.cache --network=none \\\n  # a comment inside\n  pip install x && \\\n  echo done\n',
      'FROM a\nCMD ["node", "server.js"]\nENTRYPOINT [ "a" , "b\\"c" ]\nSHELL ["/bin/bash", "-c"]\nCMD []\nCMD [ ]\n',
      'FROM a\nCOPY --chown=1000:1000 --from=build /src /dst\nADD --chmod=755 x y\nHEALTHCHECK --interval=5s CMD curl -f http://x || exit 1\nHEALTHCHECK NONE\n',
      '# escape=`\nFROM mcr.microsoft.com/windows\nRUN powershell -Command `\n  Write-Host hi\nUSER ContainerUser\n',
      'FROM a\nRUN <<EOF\nset -e\necho $HOME\nEOF\nCOPY <<EOT /etc/x\nhello\nEOT\n',
      'FROM a\nONBUILD RUN --mount=type=secret,id=x cat /run/secrets/x\nONBUILD COPY . /app\nLABEL a=b "c d"=e\nEXPOSE 80/tcp 443\nVOLUME ["/data"]\nWORKDIR $HOME/x\nSTOPSIGNAL SIGTERM\nUSER ${U:-root}:0\n',
      'FROM a\r\nRUN echo \\ \r\n  b\r\nRUN\nENV\nARG\n\\\n',
    ];
    for (const [index, text] of cases.entries()) assertSameSplit(text, original, `case ${index}`);
  });

  it('answers as the library does on every corpus Dockerfile', { skip: SHARED_SKIP_REASON }, () => {
    const files = SHARED_AVAILABLE ? realworldIndex().filter((file) => file.kind === 'dockerfile') : [];
    assert.ok(files.length > 100, `corpus Dockerfiles: ${files.length}`);
    for (const file of files) assertSameSplit(readFileSync(realworldPath(file), 'utf8'), original, file.path);
  });

  it('answers as the library does on every Dockerfile of the shared corpora', { skip: SHARED_SKIP_REASON }, () => {
    const paths = SHARED_AVAILABLE ? sharedDockerfiles() : [];
    assert.ok(paths.length > 600, `shared Dockerfiles: ${paths.length}`);
    for (const path of paths) assertSameSplit(readFileSync(path, 'utf8'), original, path);
  });

  it('answers as the library does on generated instructions', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom(...KEYWORDS), fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (backtick, keyword, pieces) => {
        const text = `${backtick ? '# escape=`\n' : ''}FROM a\n${keyword}${pieces.join('')}\nUSER x\n`;
        assertSameSplit(text, original, JSON.stringify(text));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers as the library does on corpus Dockerfiles with random edits', { skip: SHARED_SKIP_REASON }, () => {
    const texts = SHARED_AVAILABLE ? sharedDockerfiles().map((path) => readFileSync(path, 'utf8')) : [];
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 8 }), piece: fc.constantFrom(...PIECES) });
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (which, edits) => {
        let text = texts[which];
        for (const { at, cut, piece } of edits) {
          const where = at % (text.length + 1);
          text = text.slice(0, where) + piece + text.slice(where + cut);
        }
        assertSameSplit(text, original, JSON.stringify(text));
      }),
      { numRuns: FUZZ_RUNS / 3 },
    );
  });
});

const FUZZ_RUNS = 3000;

/** Keywords whose arguments the library splits (flags, properties, JSON forms, heredocs, ONBUILD's trigger). */
const KEYWORDS = ['RUN', 'RUN ', 'CMD ', 'ENV ', 'ARG ', 'COPY ', 'ADD ', 'LABEL ', 'HEALTHCHECK ', 'ONBUILD RUN ', 'ENTRYPOINT ', 'EXPOSE ', 'VOLUME ', 'SHELL ', 'USER ', 'WORKDIR ', 'FROM ', 'STOPSIGNAL ', 'MAINTAINER '];

/** What the split turns on: blanks, both escape characters before every kind of character, line breaks, comments. */
const PIECES = [
  ' ', '  ', '\t', '\n', '\r\n', '\r', '\\', '`', '\\\n', '\\\r\n', '\\\r', '`\n', '\\ \n', '\\\t\n', '\\ \r\n', '\\ \rx', '\\  x', '` x', '\\ ',
  '\\$', '`$', '\\"', '\\\\', '\\#', '#', '# c', '\n# c\n', '\n  # c \\\n', '$', '${A:-b}', 'a', 'bc', 'x=y', '"a b"', "'c d'", '--mount=type=cache,target=/x',
  '--from=b', '[', ']', '"', ',', '=', '-', '&&', 'é', '😀', '\u00a0', '<<EOF\nhi\nEOF\n', 'CMD ',
];

/** The Dockerfiles of every shared corpus (realworld, peers, helm, kustomize), as the engine recognises them. */
function sharedDockerfiles(): string[] {
  return [...filesUnder(join(SHARED_DIR, 'corpus'))].filter((path) => detectKind(path, '') === 'dockerfile').sort();
}
