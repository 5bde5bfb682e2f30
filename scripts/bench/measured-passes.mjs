// The pass loop of a bundled bench loop (plain-lint-loop.mjs, helm-unit-loop.mjs, kustomize-unit.mjs), imported by
// their entries and bundled with them: PASSES passes (environment, default 2), each timed and its JS heap allocation summed.
import { writeFileSync } from 'node:fs';
import { GCProfiler, getHeapStatistics } from 'node:v8';

/**
 * Runs `work` and gives its result, its CPU ms and the JS heap it allocated in MiB (v8.GCProfiler: heap used before
 * each GC minus used after the previous one, from the first GC on).
 */
export function measured(work) {
  const profiler = new GCProfiler();
  profiler.start();
  const cpu = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(cpu);
  let allocated = 0;
  let after = -1;
  for (const gc of profiler.stop().statistics) {
    if (after >= 0) allocated += gc.beforeGC.heapStatistics.usedHeapSize - after;
    after = gc.afterGC.heapStatistics.usedHeapSize;
  }
  if (after >= 0) allocated += getHeapStatistics().used_heap_size - after;
  return { result, cpuMs: (used.user + used.system) / 1000, allocatedMiB: allocated / 1048576 };
}

/**
 * Runs `pass(out)` PASSES times and prints per pass `what(result)`, wall and CPU time, and the JS heap allocated
 * (`measured`). The first pass gets an array `out` when OUT names a file, and its lines are written there.
 */
export function measuredPasses(pass, what) {
  for (let n = 0; n < Number(process.env.PASSES ?? 2); n++) {
    const out = n === 0 && process.env.OUT ? [] : undefined;
    const started = process.hrtime.bigint();
    const { result, cpuMs, allocatedMiB } = measured(() => pass(out));
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`pass ${n + 1}: ${what(result)}, ${wallMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, ${allocatedMiB.toFixed(1)} MiB allocated (from the first GC on)`);
    if (out) writeFileSync(process.env.OUT, out.join('\n'));
  }
}
