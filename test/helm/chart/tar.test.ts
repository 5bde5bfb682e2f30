import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ArchiveError, readChartArchive, readTar } from '../../../rules/models/helm/chart/tar';
import { SHARED_DIR, SHARED_SKIP_REASON } from '../../helpers/shared';

/** A minimal ustar header + data, to build archives the reader must accept or reject. */
function tarEntry(name: string, data: string, type = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write('0000644\0', 100);
  header.write(`${Buffer.byteLength(data).toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar\0' + '00', 257);
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(data) / 512) * 512);
  body.write(data);
  return Buffer.concat([header, body]);
}

describe('chart archive reader', () => {
  it('reads regular files and PAX long paths, skipping directories', () => {
    const pax = `${' path=chart/templates/very-long-name.yaml\n'.length + 3} path=chart/templates/very-long-name.yaml\n`;
    const tar = Buffer.concat([tarEntry('chart/', '', '5'), tarEntry('chart/Chart.yaml', 'name: c\n'), tarEntry('PaxHeader', pax, 'x'), tarEntry('ignored', 'a: 1\n'), Buffer.alloc(1024)]);
    const entries = readTar(tar);
    assert.deepEqual(entries.map((entry) => [entry.path, Buffer.from(entry.data).toString()]), [
      ['chart/Chart.yaml', 'name: c\n'],
      ['chart/templates/very-long-name.yaml', 'a: 1\n'],
    ]);
  });

  it('rejects corrupt archives with an ArchiveError, never a crash', () => {
    assert.throws(() => readChartArchive(new Uint8Array([1, 2, 3])), ArchiveError);
    const bad = tarEntry('a', 'x');
    bad[0] = 'b'.charCodeAt(0); // checksum no longer matches
    assert.throws(() => readChartArchive(gzipSync(bad)), /checksum/);
    const truncated = tarEntry('a', 'x'.repeat(2000)).subarray(0, 700);
    assert.throws(() => readTar(truncated), /runs past the end/);
  });

  it('reads the vendored archives of the oracle charts', { skip: SHARED_SKIP_REASON }, () => {
    const bytes = readFileSync(join(SHARED_DIR, 'corpus/helm/charts/helm-v3__chart-with-template-lib-archive-dep/charts/common-0.0.5.tgz'));
    const names = readChartArchive(bytes).map((entry) => entry.path);
    assert.ok(names.includes('common/Chart.yaml'), names.join(', '));
    assert.ok(names.some((name) => name.startsWith('common/templates/_')));
  });
});
