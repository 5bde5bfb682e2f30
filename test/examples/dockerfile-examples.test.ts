import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules';
import { isDockerfileName } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { REPO_ROOT } from '../helpers/shared';

/** `npm start` lints examples/: its Dockerfiles are the insecure sample that shows what the rules find. */
describe('examples/ Dockerfiles', () => {
  it('trip every Dockerfile rule that is on by default', () => {
    const folder = join(REPO_ROOT, 'examples');
    const files = readdirSync(folder).filter((name) => isDockerfileName(name));
    assert.ok(files.length > 0);
    const fired = new Set(files.flatMap((name) => lintFile(readFileSync(join(folder, name), 'utf8'), name).findings.map((finding) => finding.ruleId)));
    const expected = ALL_RULES.filter((rule) => rule.meta.kind === 'dockerfile' && rule.meta.enabledByDefault !== false).map((rule) => rule.meta.id);
    // user-not-numeric needs a named final USER, which would hide no-root-user and missing-user.
    const missing = expected.filter((id) => !fired.has(id) && id !== 'dockerfile/user-not-numeric');
    assert.deepEqual(missing, []);
  });
});
