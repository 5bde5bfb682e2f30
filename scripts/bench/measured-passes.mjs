// The pass loop of a bundled bench loop (plain-lint-loop.mjs, helm-unit-loop.mjs, kustomize-unit.mjs), imported by
// their entries and bundled with them: PASSES passes (environment, default 2), each timed and its JS heap allocation summed.
import { writeFileSync } from 'node:fs';
import { GCProfiler, getHeapStatistics } from 'node:v8';

/**
 * Runs `work` and gives its result, its CPU ms and the JS heap it allocated in MiB (v8.GCProfiler: heap used before
 * each GC minus used after the previous one, from the first GC on), and its collections: scavenges and full
 * (mark-compact) GCs with their cost in ms, and the MiB scavenges promoted to the old generation (what survives
 * the young generation is copied, then marked by every full GC: the live-heap side of a change, which allocation
 * alone does not show).
 */
export function measured(work) {
  const profiler = new GCProfiler();
  profiler.start();
  const cpu = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(cpu);
  let allocated = 0;
  let after = -1;
  const gcs = { scavenges: 0, scavengeMs: 0, full: 0, fullMs: 0, promotedMiB: 0 };
  const oldUsed = (statistics) => statistics.heapSpaceStatistics.filter((space) => space.spaceName === 'old_space' || space.spaceName === 'large_object_space').reduce((sum, space) => sum + space.spaceUsedSize, 0);
  for (const gc of profiler.stop().statistics) {
    if (after >= 0) allocated += gc.beforeGC.heapStatistics.usedHeapSize - after;
    after = gc.afterGC.heapStatistics.usedHeapSize;
    if (gc.gcType === 'Scavenge') {
      gcs.scavenges++;
      gcs.scavengeMs += gc.cost / 1000;
      gcs.promotedMiB += (oldUsed(gc.afterGC) - oldUsed(gc.beforeGC)) / 1048576;
    } else if (gc.gcType === 'MarkSweepCompact') {
      gcs.full++;
      gcs.fullMs += gc.cost / 1000;
    }
  }
  if (after >= 0) allocated += getHeapStatistics().used_heap_size - after;
  return { result, cpuMs: (used.user + used.system) / 1000, allocatedMiB: allocated / 1048576, gcs };
}

/**
 * Runs `pass(out)` PASSES times and prints per pass `what(result)`, wall and CPU time, and the JS heap allocated
 * (`measured`). The first pass gets an array `out` when OUT names a file, and its lines are written there.
 */
export function measuredPasses(pass, what) {
  for (let n = 0; n < Number(process.env.PASSES ?? 2); n++) {
    const out = n === 0 && process.env.OUT ? [] : undefined;
    const started = process.hrtime.bigint();
    const { result, cpuMs, allocatedMiB, gcs } = measured(() => pass(out));
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const collections = `${gcs.scavenges} scavenges (${gcs.scavengeMs.toFixed(0)} ms, ${gcs.promotedMiB.toFixed(1)} MiB promoted), ${gcs.full} full GCs (${gcs.fullMs.toFixed(0)} ms)`;
    console.log(`pass ${n + 1}: ${what(result)}, ${wallMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, ${allocatedMiB.toFixed(1)} MiB allocated (from the first GC on); ${collections}`);
    if (out) writeFileSync(process.env.OUT, out.join('\n'));
  }
}
