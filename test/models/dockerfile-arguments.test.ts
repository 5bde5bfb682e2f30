import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { splitArgumentsOnce } from '../../rules/models/dockerfile-arguments';
import { realworldIndex, realworldPath, SHARED_AVAILABLE, SHARED_SKIP_REASON } from '../helpers/shared';

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
    return plain((method as () => unknown).call(instruction));
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
});
