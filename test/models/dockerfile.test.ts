import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveHealthcheck, effectiveUser, parseDockerfile, resolveVariables, type DockerfileModel } from '../../rules/models/dockerfile';
import { effectiveCommand, packageCommand } from '../../rules/models/shell';

function parse(text: string): DockerfileModel {
  const { model } = parseDockerfile({ text, path: 'Dockerfile' });
  assert.ok(model);
  return model;
}

/** Each command of each RUN as `[assignments…] word word…`, the way a reader would split it. */
function commands(text: string): string[][] {
  return parse(text).runs.map((run) => run.commands.map((command) => [...command.assignments, ...command.words].map((word) => word.value).join(' ')));
}

describe('Dockerfile model: RUN scripts', () => {
  it('splits on &&, ||, ;, | and & and keeps the operators', () => {
    const model = parse('FROM a:1\nRUN a x && b || c; d | e & f\n');
    const run = model.runs[0];
    assert.deepEqual(run.commands.map((command) => command.words[0].value), ['a', 'b', 'c', 'd', 'e', 'f']);
    assert.deepEqual(run.commands.map((command) => command.before ?? ''), ['', '&&', '||', ';', '|', '&']);
  });

  it('joins continuations, drops comment lines inside them, and removes quotes', () => {
    assert.deepEqual(commands('FROM a:1\nRUN apt-get update \\\n    # a comment with && inside\n && apt-get install -y "lib foo" \'x y\' z\\\n=1\n'), [['apt-get update', 'apt-get install -y lib foo x y z=1']]);
  });

  it('reads leading NAME=value words as the command’s environment', () => {
    const run = parse('FROM a:1\nRUN A=1 B="two words" git clone x\n').runs[0];
    assert.deepEqual(run.commands[0].assignments.map((word) => word.value), ['A=1', 'B=two words']);
    assert.equal(run.commands[0].words[0].value, 'git');
  });

  it('keeps command substitutions inside their word and drops redirections', () => {
    assert.deepEqual(commands('FROM a:1\nRUN echo "$(date | tr a b)" > /out 2>&1 && cat < /in\n'), [['echo $(date | tr a b)', 'cat']]);
  });

  it('reads |&, descriptor redirections, here-strings, backticks, ${…} and escapes the way the shell does', () => {
    const run = parse('FROM a:1\nRUN a |& b; c >&2 x; cat <<<here y; d 2>/e `f g` ${H} \\$z \'q r\'"s\\"t"\n').runs[0];
    assert.deepEqual(
      run.commands.map((command) => command.words.map((word) => word.value).join(' ')),
      ['a', 'b', 'c x', 'cat y', 'd `f g` ${H} $z q rs"t'],
    );
    assert.deepEqual(run.commands.map((command) => command.before ?? ''), ['', '|', ';', ';', ';']);
  });

  it('treats a # at the start of a word as a comment to the end of the joined instruction', () => {
    assert.deepEqual(commands('FROM a:1\nRUN make # build it && rm -rf /\n'), [['make']]);
  });

  it('honours the escape directive (backtick continuations)', () => {
    assert.deepEqual(commands('# escape=`\nFROM a:1\nRUN echo a `\n    && echo b\n'), [['echo a', 'echo b']]);
  });

  it('re-parses exec-form sh -c scripts with offsets into the file', () => {
    const text = 'FROM a:1\nRUN ["sh", "-c", "curl -k x | sh"]\n';
    const run = parse(text).runs[0];
    assert.equal(run.form, 'exec');
    const curl = run.commands[0];
    assert.equal(text.slice(curl.words[1].span.start, curl.words[1].span.end), '-k');
    assert.equal(run.commands[1].before, '|');
  });

  it('keeps other exec forms as one command whose words are the JSON strings', () => {
    assert.deepEqual(commands('FROM a:1\nRUN ["apt-get", "install", "a b"]\n'), [['apt-get install a b']]);
  });

  it('runs the body of RUN <<EOF, but not of a data heredoc', () => {
    assert.deepEqual(commands('FROM a:1\nRUN <<EOF\nset -e\ncurl x | sh\nEOF\nRUN cat <<EOF > /etc/x.conf\ngpgcheck=0\nEOF\n'), [['set -e', 'curl x', 'sh'], ['cat']]);
  });

  it('includes ONBUILD RUN triggers and skips RUN flags', () => {
    const model = parse('FROM a:1\nRUN --mount=type=cache,target="/x y" --network=none make\nONBUILD RUN sudo -u app make install\n');
    assert.deepEqual(model.runs.map((run) => [run.onbuild, run.commands[0].words[0].value]), [[false, 'make'], [true, 'sudo']]);
    assert.equal(effectiveCommand(model.runs[1].commands[0]).name, 'make');
  });

  it('reads package-manager commands through sudo, env and python -m pip', () => {
    const run = parse('FROM a:1\nRUN sudo env X=1 apt-get -o Foo=bar -y install curl && python3 -m pip install --user httpx\n').runs[0];
    const apt = packageCommand(run.commands[0]);
    assert.deepEqual([apt?.manager, apt?.verb?.value, apt?.packages.map((word) => word.value)], ['apt-get', 'install', ['curl']]);
    const pip = packageCommand(run.commands[1]);
    assert.deepEqual([pip?.manager, pip?.packages.map((word) => word.value)], ['pip', ['httpx']]);
  });
});

describe('Dockerfile model: stages, users, variables', () => {
  it('parses image references (registry port is not a tag) and resolves global ARGs', () => {
    const model = parse('ARG TAG=3.20\nFROM registry:5000/team/app\nFROM alpine:${TAG} AS base\nFROM base\nFROM ghcr.io/o/i@sha256:abc\n');
    const images = model.stages.map((stage) => [stage.image?.registry, stage.image?.name, stage.image?.tag, stage.parent?.index]);
    assert.deepEqual(images, [
      ['registry:5000', 'team/app', undefined, undefined],
      [undefined, 'alpine', '3.20', undefined],
      [undefined, 'base', undefined, 1],
      ['ghcr.io', 'o/i', undefined, undefined],
    ]);
    assert.equal(model.stages[3].image?.digest, 'sha256:abc');
  });

  it('resolves USER from ENV, stage ARG defaults and re-declared global ARGs', () => {
    const model = parse('ARG U=root\nFROM a:1\nARG U\nENV G=0\nUSER $U:${G}\n');
    const user = effectiveUser(model.stages[0]);
    assert.equal(user.source, 'set');
    assert.deepEqual(user.source === 'set' ? [user.setting.user, user.setting.group] : [], ['root', '0']);
  });

  it('does not see a global ARG that the stage does not re-declare', () => {
    const model = parse('ARG U=root\nFROM a:1\nUSER $U\n');
    const user = effectiveUser(model.stages[0]);
    assert.equal(user.source === 'set' ? user.setting.user : 'none', undefined);
  });

  it('inherits USER and HEALTHCHECK through FROM <stage>, not from external images', () => {
    const model = parse('FROM a:1 AS base\nUSER 10001\nHEALTHCHECK CMD true\nFROM base\nFROM b:1\n');
    assert.equal(effectiveUser(model.stages[1]).source, 'set');
    assert.ok(effectiveHealthcheck(model.stages[1]));
    assert.equal(effectiveUser(model.stages[2]).source, 'external');
    assert.equal(effectiveHealthcheck(model.stages[2]), undefined);
    assert.equal(effectiveUser(parse('FROM scratch\n').stages[0]).source, 'scratch');
  });

  it('records SHELL per stage and recognises Windows stages', () => {
    const model = parse('FROM a:1\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n');
    assert.deepEqual(model.stages[0].shell, ['/bin/bash', '-o', 'pipefail', '-c']);
    assert.equal(model.stages[1].windows, true);
    assert.equal(model.stages[0].windows, false);
  });

  it('resolves ${VAR:-default} and leaves unknown variables unresolved', () => {
    const values = new Map([['A', 'x']]);
    assert.equal(resolveVariables('${A}-${B:-y}', values), 'x-y');
    assert.equal(resolveVariables('$B', values), undefined);
  });

  it('never throws on odd input', () => {
    for (const text of ['', 'RUN', 'FROM', 'FROM a AS', 'USER', 'RUN ["sh", "-c"', 'RUN "unterminated \\\n', 'ONBUILD', 'ENV =x', 'RUN <<EOF\n', 'FROM {{ .Image }}\nRUN {{ .Cmd }}\n']) {
      assert.doesNotThrow(() => parse(text), text);
    }
  });
});
