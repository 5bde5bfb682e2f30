import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKubeVersion } from '../../../rules/models/helm/chart/builtins';
import { HelmIgnore } from '../../../rules/models/helm/chart/helmignore';
import { filesGlobMatch, goPathMatch } from '../../../rules/models/helm/chart/path-match';
import { satisfiesRange } from '../../../rules/models/helm/chart/version-range';

describe('chart path patterns', () => {
  it("match like Go's filepath.Match (--show-only, .helmignore)", () => {
    assert.equal(goPathMatch('templates/*.yaml', 'templates/a.yaml'), true);
    assert.equal(goPathMatch('templates/*.yaml', 'templates/sub/a.yaml'), false);
    assert.equal(goPathMatch('templates/subdir/role*', 'templates/subdir/rolebinding.yaml'), true);
    assert.equal(goPathMatch('[^a]*.txt', 'b.txt'), true);
    assert.equal(goPathMatch('[^a]*.txt', 'a.txt'), false);
    assert.equal(goPathMatch('a\\*b', 'a*b'), true);
    assert.equal(goPathMatch('[', 'x'), false, 'a malformed pattern matches nothing');
  });

  it('match like gobwas/glob for .Files.Glob (** crosses directories, {a,b})', () => {
    assert.equal(filesGlobMatch('files/**', 'files/a/b.conf'), true);
    assert.equal(filesGlobMatch('files/*', 'files/a/b.conf'), false);
    assert.equal(filesGlobMatch('**.{yaml,json}', 'x/y.json'), true);
    assert.equal(filesGlobMatch('**.{yaml,json}', 'x/y.txt'), false);
  });

  it('ignore files as .helmignore says, including directories and the hidden files under templates/', () => {
    const ignore = new HelmIgnore('# comment\n*.tmp\nci/\n/docs/*.md\n**/never\n');
    assert.equal(ignore.ignoresFile('a/b.tmp'), true);
    assert.equal(ignore.ignoresFile('ci/values.yaml'), true);
    assert.equal(ignore.ignoresFile('docs/readme.md'), true);
    assert.equal(ignore.ignoresFile('other/docs/readme.md'), false);
    assert.equal(ignore.ignoresFile('templates/.swp'), true);
    assert.equal(ignore.ignoresFile('templates/deploy.yaml'), false);
  });
});

describe('version ranges (Masterminds/semver as Helm uses it)', () => {
  it('checks dependency ranges', () => {
    assert.equal(satisfiesRange('2.31.0', '2.x.x'), true);
    assert.equal(satisfiesRange('3.0.0', '2.x.x'), false);
    assert.equal(satisfiesRange('1.2.3', '^1.2.0'), true);
    assert.equal(satisfiesRange('1.3.0', '~1.2.0'), false);
    assert.equal(satisfiesRange('1.2.9', '~1.2.0'), true);
    assert.equal(satisfiesRange('1.5.0', '>=1.2.0, <2.0.0'), true);
    assert.equal(satisfiesRange('2.5.0', '>=1.2.0 <2.0.0 || >=2.4'), true);
    assert.equal(satisfiesRange('1.3.0', '1.2 - 1.4'), true);
    assert.equal(satisfiesRange('0.3.1', '^0.2.0'), false);
    assert.equal(satisfiesRange('not-a-version', '1.x'), undefined);
  });

  it('checks a chart kubeVersion against the cluster version', () => {
    assert.equal(satisfiesRange('v1.20.0', '>=1.19.0-0'), true);
    assert.equal(satisfiesRange('v1.20.0', '>=1.23.0-0'), false);
  });

  it('parses --kube-version as Helm does', () => {
    assert.deepEqual(parseKubeVersion('1.16.0'), { version: 'v1.16.0', major: '1', minor: '16' });
    assert.deepEqual(parseKubeVersion('v1.60'), { version: 'v1.60', major: '1', minor: '60' });
    assert.equal(parseKubeVersion('latest'), undefined);
  });
});
