import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { detectKind } from '../../rules/engine';
import { YamlChunker, chunkedKind } from '../../server/lsp/yaml-chunks';

/** Lines that decide a kind, lines that cut documents (or look as if they did), and filler. */
const LINES = ['apiVersion: v1', 'kind: Pod', '  kind: Service', '- apiVersion: v1', 'services:', '  web:', 'metadata:', '  name: x', '"auths": {}', '"auths"', '  : {}', '"apiVersion": "v1",', '"kind": "Pod"', 'ExecStart=/usr/bin/dockerd', 'DOCKER_OPTS=--icc', '-w /etc/docker -p wa', '---', '--- # next', '---x', '', '# comment'];
const PATHS = ['/w/fleet.yaml', '/w/deploy.yml', '/w/.docker/config.json', '/w/config.json', '/w/pod.json', '/w/docker.service', '/w/audit.rules', '/w/default/docker', '/w/compose.yaml', '/w/notes.txt'];

describe('the kind of an open document read from its YAML documents', () => {
  it('is the kind detectKind gives the whole text, after every edit of a random sequence', () => {
    const text = fc.array(fc.constantFrom(...LINES), { maxLength: 14 }).chain((lines) => fc.constantFrom(lines.join('\n'), lines.join('\r\n'), `${lines.join('\n')}\n`));
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.constantFrom(undefined, 'yaml', 'json'), fc.array(text, { minLength: 1, maxLength: 6 }), (path, languageId, texts) => {
        const chunker = new YamlChunker(); // one per open document: its chunks' answers carry over from edit to edit
        for (const current of texts) assert.equal(chunkedKind(chunker, path, current, { languageId }), detectKind(path, current, { languageId, relativePath: path }), JSON.stringify({ path, languageId, current }));
      }),
      { numRuns: 400 },
    );
  });

  it('notices a kind decided in a later document (a top-level services: turns a manifest into compose)', () => {
    const chunker = new YamlChunker();
    const manifest = 'kind: Pod\nmetadata:\n  name: a\n---\nkind: Service\nmetadata:\n  name: b\n';
    assert.equal(chunkedKind(chunker, '/w/app.yaml', `apiVersion: v1\n${manifest}`, {}), 'kubernetes');
    assert.equal(chunkedKind(chunker, '/w/app.yaml', manifest, {}), undefined);
    assert.equal(chunkedKind(chunker, '/w/app.yaml', `${manifest}---\nservices:\n  web: {}\n`, {}), 'compose');
    assert.equal(chunkedKind(chunker, '/w/app.yaml', `${manifest}---\nservices:\n  web: {}\n---\napiVersion: v1\n`, {}), 'kubernetes');
    assert.equal(chunkedKind(chunker, '/w/app.yaml', `services:\n  web: {}\n---\n${manifest}`, {}), 'compose');
  });
});
