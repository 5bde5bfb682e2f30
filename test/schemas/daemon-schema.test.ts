import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import schema from '../../rules/schemas/daemon.schema.json';
import { validate } from '../../rules/schemas/generated/daemon.validator';
import { REPO_ROOT, SHARED_DIR, SHARED_SKIP_REASON } from '../helpers/shared';

interface KeyRow {
  key: string;
  type: string;
}

/** The rows of daemon-keys.md §2: every valid top-level key with its JSON type. */
function documentedKeys(): KeyRow[] {
  const text = readFileSync(join(SHARED_DIR, 'design', 'daemon-keys.md'), 'utf8');
  const section = text.slice(text.indexOf('## 2. Valid top-level keys'), text.indexOf('## 3. Nested objects'));
  const rows: KeyRow[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 6 || !cells[1].startsWith('`')) continue;
    if (cells[3] === '—') continue; // http-proxy & co: valid only inside `proxies`
    for (const key of cells[1].match(/`([^`]+)`/g) ?? []) rows.push({ key: key.slice(1, -1), type: cells[2] });
  }
  return rows;
}

/** A value of the documented JSON type (the first enum value when the row names some). */
function sampleValue(type: string): unknown {
  const enumValue = /enum `([^`]+)`/.exec(type)?.[1];
  if (enumValue) return enumValue;
  if (type.startsWith('boolean')) return true;
  if (type.startsWith('integer')) return 1;
  if (type.startsWith('string (size)')) return '64M';
  if (type.startsWith('string')) return 'x';
  if (type.startsWith('array of object')) return [{ base: '10.10.0.0/16', size: 24 }];
  if (type.startsWith('array')) return ['x'];
  if (type.startsWith('object')) return {};
  throw new Error(`no sample for type "${type}"`);
}

function errors(): Array<{ instancePath: string; keyword: string; params: Record<string, unknown> }> {
  return (validate as unknown as { errors: Array<{ instancePath: string; keyword: string; params: Record<string, unknown> }> }).errors ?? [];
}

describe('daemon.json schema', () => {
  it('accepts every key of daemon-keys.md with a value of its JSON type', { skip: SHARED_SKIP_REASON }, () => {
    const rows = documentedKeys();
    assert.ok(rows.length >= 90, `read ${rows.length} keys from daemon-keys.md`);
    for (const row of rows) {
      const config = { [row.key]: sampleValue(row.type) };
      assert.ok(validate(config), `${JSON.stringify(config)} (${row.type}): ${JSON.stringify(errors())}`);
    }
    assert.deepEqual(Object.keys(schema.properties).sort(), [...new Set(rows.map((row) => row.key))].sort(), 'the schema has exactly the documented keys');
  });

  it('accepts a realistic configuration with nested objects', () => {
    const config = {
      'log-driver': 'json-file',
      'log-opts': { 'max-size': '10m', 'max-file': '3' },
      'default-ulimits': { nofile: { Name: 'nofile', Hard: 64000, Soft: 64000 } },
      'default-address-pools': [{ base: '10.10.0.0/16', size: 24 }],
      runtimes: { kata: { runtimeType: 'io.containerd.kata.v2' }, crun: { path: '/usr/bin/crun', runtimeArgs: [] } },
      proxies: { 'http-proxy': 'http://proxy:3128', 'no-proxy': 'localhost' },
      builder: { gc: { enabled: true, defaultKeepStorage: '20GB' }, entitlements: { 'network-host': false } },
      'log-level': 'WARN',
    };
    assert.ok(validate(config), JSON.stringify(errors()));
  });

  it('rejects unknown keys, at the top level and in closed objects', () => {
    for (const [config, key] of [
      [{ 'no-new-privilege': true }, 'no-new-privilege'],
      [{ log_level: 'info' }, 'log_level'],
      [{ Debug: true }, 'Debug'],
      [{ 'log-opt': { 'max-size': '1m' } }, 'log-opt'],
      [{ 'containerd-plugin-namespace': 'plugins' }, 'containerd-plugin-namespace'],
      [{ graph: '/var/lib/docker' }, 'graph'],
      [{ proxies: { http_proxy: 'x' } }, 'http_proxy'],
      [{ 'nri-opts': { enabled: true } }, 'enabled'],
    ] as const) {
      assert.equal(validate(config), false, JSON.stringify(config));
      assert.ok(errors().some((error) => error.keyword === 'additionalProperties' && error.params.additionalProperty === key), JSON.stringify(errors()));
    }
  });

  it('rejects wrong types and values, as dockerd does', () => {
    for (const [config, path, keyword] of [
      [{ icc: 'false' }, '/icc', 'type'],
      [{ 'log-opts': { 'max-file': 3 } }, '/log-opts/max-file', 'type'],
      [{ 'default-shm-size': 64 }, '/default-shm-size', 'type'],
      [{ 'default-ulimits': { nofile: { Name: 'nofile', Hard: '64000', Soft: 64000 } } }, '/default-ulimits/nofile/Hard', 'type'],
      [{ hosts: 'tcp://0.0.0.0:2376' }, '/hosts', 'type'],
      [{ mtu: 1.5 }, '/mtu', 'type'],
      [{ 'max-concurrent-downloads': -1 }, '/max-concurrent-downloads', 'minimum'],
      [{ 'network-diagnostic-port': 70000 }, '/network-diagnostic-port', 'maximum'],
      [{ 'log-level': 'verbose' }, '/log-level', 'pattern'],
      [{ 'default-ipc-mode': 'host' }, '/default-ipc-mode', 'enum'],
      [{ 'default-shm-size': 'lots' }, '/default-shm-size', 'pattern'],
      [[], '', 'type'],
    ] as const) {
      assert.equal(validate(config), false, JSON.stringify(config));
      assert.ok(errors().some((error) => error.instancePath === path && error.keyword === keyword), `${JSON.stringify(config)}: ${JSON.stringify(errors())}`);
    }
  });

  it('is the schema VS Code gets for daemon.json', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: Array<{ fileMatch: string; url: string }> } };
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: 'daemon.json', url: './rules/schemas/daemon.schema.json' }]);
  });
});
