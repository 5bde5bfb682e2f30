import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseUnit } from '../../../rules/models/daemon-flags/systemd-unit';
import type { Word } from '../../../rules/models/daemon-flags/words';

function words(text: string): string[] {
  return parseUnit(text).commands.flatMap((command) => command.words.map((word) => word.value));
}

/** The characters each word was written with, from its recorded span. */
function written(text: string, list: readonly Word[]): string[] {
  return list.map((word) => text.slice(word.span.start, word.span.end));
}

describe('systemd unit command lines', () => {
  it('splits ExecStart at whitespace with exact spans', () => {
    const text = '[Service]\nExecStart=/usr/bin/dockerd -H fd:// --icc=true\n';
    const [command] = parseUnit(text).commands;
    assert.deepEqual(command.words.map((word) => word.value), ['/usr/bin/dockerd', '-H', 'fd://', '--icc=true']);
    assert.deepEqual(written(text, command.words), ['/usr/bin/dockerd', '-H', 'fd://', '--icc=true']);
  });

  it('joins `\\` continuations (with the backslash read as a space) and skips comment lines inside them', () => {
    const text = '[Service]\nExecStart=/usr/bin/dockerd \\\n  -H fd:// \\\n# a comment\n  --icc=false\n';
    const [command] = parseUnit(text).commands;
    assert.deepEqual(command.words.map((word) => word.value), ['/usr/bin/dockerd', '-H', 'fd://', '--icc=false']);
    assert.deepEqual(written(text, command.words), ['/usr/bin/dockerd', '-H', 'fd://', '--icc=false']);
    assert.equal(command.directive.value.end, text.indexOf('--icc=false') + '--icc=false'.length);
  });

  it('unquotes double and single quotes and C escapes, keeping the quoted span', () => {
    const text = '[Service]\nExecStart=/usr/bin/dockerd "--label=a b" \'--log-level=info\' --label=x\\x41\n';
    const [command] = parseUnit(text).commands;
    assert.deepEqual(command.words.map((word) => word.value), ['/usr/bin/dockerd', '--label=a b', '--log-level=info', '--label=xA']);
    assert.deepEqual(written(text, command.words).slice(1), ['"--label=a b"', "'--log-level=info'", '--label=x\\x41']);
    assert.equal(command.words[1].plain, false);
  });

  it('an empty ExecStart= resets the commands read before it (the drop-in override)', () => {
    const text = '[Service]\nExecStart=/usr/bin/dockerd -H fd://\nExecStart=\nExecStart=/usr/bin/dockerd --icc=false\n';
    const unit = parseUnit(text);
    assert.equal(unit.resetsExecStart, true);
    assert.deepEqual(words(text), ['/usr/bin/dockerd', '--icc=false']);
  });

  it('ExecStart outside [Service] is not a command', () => {
    assert.deepEqual(words('[Unit]\nExecStart=/usr/bin/dockerd --icc=true\n'), []);
  });

  it('expands $VAR into several words and ${VAR} inside one word, from Environment= of the same file', () => {
    const text = '[Service]\nEnvironment="OPTS=--icc=true -H tcp://0.0.0.0:2375" LEVEL=debug\nExecStart=/usr/bin/dockerd $OPTS --log-level=${LEVEL}\n';
    const [command] = parseUnit(text).commands;
    assert.deepEqual(command.words.map((word) => word.value), ['/usr/bin/dockerd', '--icc=true', '-H', 'tcp://0.0.0.0:2375', '--log-level=debug']);
    // Words from $OPTS are written in the Environment= line.
    assert.deepEqual(written(text, command.words.slice(1, 4)), ['--icc=true', '-H', 'tcp://0.0.0.0:2375']);
    const level = command.words[4];
    assert.equal(text.slice(level.offsets[12], level.offsets[16] + 1), 'debug', 'the expanded characters point at the definition');
  });

  it('lists variables the file does not define ($VAR from an EnvironmentFile=)', () => {
    const [command] = parseUnit('[Service]\nEnvironmentFile=-/etc/default/docker\nExecStart=/usr/bin/dockerd -H fd:// $DOCKER_OPTS\n').commands;
    assert.deepEqual(command.unresolved, ['DOCKER_OPTS']);
    assert.deepEqual(command.words.map((word) => word.value), ['/usr/bin/dockerd', '-H', 'fd://']);
  });

  it('reads CRLF files and $$ as a literal dollar', () => {
    assert.deepEqual(words('[Service]\r\nExecStart=/usr/bin/dockerd --label=a$$b\r\n'), ['/usr/bin/dockerd', '--label=a$b']);
  });
});
