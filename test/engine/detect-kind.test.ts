import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectKind } from '../../rules/engine';

describe('kind detection', () => {
  const byName: Array<[string, string | undefined]> = [
    ['Dockerfile', 'dockerfile'],
    ['dockerfile', 'dockerfile'],
    ['DOCKERFILE', 'dockerfile'],
    ['api.Dockerfile', 'dockerfile'],
    ['Dockerfile.prod', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['svc/Dockerfile.dockerignore', undefined],
    ['etc/docker/daemon.json', 'daemon'],
    ['.env', 'dotenv'],
    ['deploy/.env.production', 'dotenv'],
    ['db.env', 'dotenv'],
    ['home/ci/.docker/config.json', 'docker-config'],
    ['compose.yaml', 'compose'],
    ['docker-compose.yml', 'compose'],
    ['compose.override.yaml', 'compose'],
    ['docker-compose.prod.yml', 'compose'],
    ['app.compose.yaml', 'compose'],
    ['package.json', undefined],
    ['README.md', undefined],
  ];
  for (const [path, kind] of byName) {
    it(`${path} → ${kind ?? 'not linted'}`, () => assert.equal(detectKind(path, ''), kind));
  }

  it('recognises compose by a top-level services: mapping', () => {
    assert.equal(detectKind('stack.yml', 'version: "3"\nservices:\n  web:\n    image: nginx\n'), 'compose');
  });

  it('recognises Kubernetes by apiVersion and kind, in any document', () => {
    assert.equal(detectKind('deploy/app.yaml', '# c\n---\napiVersion: apps/v1\nkind: Deployment\n'), 'kubernetes');
    assert.equal(detectKind('list.yaml', 'items:\n- apiVersion: v1\n  kind: Pod\n'), 'kubernetes');
  });

  it('recognises Kubernetes objects kept as JSON, and leaves other JSON alone', () => {
    assert.equal(detectKind('kubelet.json', '{"apiVersion": "kubelet.config.k8s.io/v1beta1", "kind": "KubeletConfiguration"}'), 'kubernetes');
    assert.equal(detectKind('tsconfig.json', '{"compilerOptions": {}}'), undefined);
  });

  it('leaves other YAML alone', () => {
    assert.equal(detectKind('.github/workflows/ci.yml', 'on: push\njobs: {}\n'), undefined);
  });

  it('follows the editor’s language id and configured globs', () => {
    assert.equal(detectKind('untitled-1', 'FROM x', { languageId: 'dockerfile' }), 'dockerfile');
    assert.equal(detectKind('hosts/a/docker.json', '{}', { kindGlobs: { daemon: ['hosts/*/docker.json'] } }), 'daemon');
  });
});

describe('kind detection: .env and Docker client config.json', () => {
  it('a direnv .envrc is not a .env file', () => assert.equal(detectKind('.envrc', 'export A=1\n'), undefined));
  it('a config.json outside .docker is the Docker client config only when it holds its keys', () => {
    assert.equal(detectKind('ci/config.json', '{"auths": {}}'), 'docker-config');
    assert.equal(detectKind('app/config.json', '{"port": 8080}'), undefined);
  });
});
