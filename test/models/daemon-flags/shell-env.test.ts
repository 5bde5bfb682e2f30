import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShellAssignments } from '../../../rules/models/daemon-flags/shell-env';

function values(text: string): Record<string, string> {
  return Object.fromEntries(parseShellAssignments(text).map((assignment) => [assignment.name, assignment.value.text]));
}

describe('shell-variable files (/etc/default/docker, /etc/sysconfig/docker)', () => {
  it('reads double-quoted, single-quoted and unquoted values, with export and comments', () => {
    const text = '# Docker Upstart and SysVinit configuration file\nDOCKER_OPTS="--dns 8.8.8.8 --icc=false"\nexport OPTIONS=\'--selinux-enabled\'\nOTHER_ARGS=--live-restore # trailing comment\n';
    assert.deepEqual(values(text), { DOCKER_OPTS: '--dns 8.8.8.8 --icc=false', OPTIONS: '--selinux-enabled', OTHER_ARGS: '--live-restore' });
  });

  it('keeps the offset of every value character, and where text can be appended inside the quotes', () => {
    const text = 'DOCKER_OPTS="--log-level=debug"\n';
    const [assignment] = parseShellAssignments(text);
    assert.equal(text.slice(assignment.value.offsets[0], assignment.value.end), '--log-level=debug');
    assert.equal(assignment.appendAt, text.lastIndexOf('"'));
    assert.equal(parseShellAssignments('DOCKER_OPTS=--icc=true\n')[0].appendAt, undefined, 'unquoted: a space would end the assignment');
  });

  it('handles backslash escapes in double quotes and line continuations', () => {
    assert.deepEqual(values('DOCKER_OPTS="--label \\"a\\" \\\n --icc=false"\n'), { DOCKER_OPTS: '--label "a"  --icc=false' });
  });

  it('expands $NAME and ${NAME} from earlier assignments, and += appends', () => {
    const text = 'BASE="--icc=false"\nDOCKER_OPTS="$BASE --log-level=info"\nDOCKER_OPTS+=" -H fd://"\n';
    assert.equal(values(text).DOCKER_OPTS, '--icc=false --log-level=info -H fd://');
    const last = parseShellAssignments(text).filter((assignment) => assignment.name === 'DOCKER_OPTS').pop()!;
    assert.equal(text.slice(last.value.offsets[0], last.value.offsets[0] + 11), '--icc=false', 'expanded text points at BASE');
  });

  it('an unterminated quote offers no append position', () => {
    const [assignment] = parseShellAssignments('DOCKER_OPTS="--icc=false\n');
    assert.equal(assignment.appendAt, undefined);
  });
});
