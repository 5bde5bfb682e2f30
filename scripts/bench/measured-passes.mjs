// The pass loop of a bundled bench loop (plain-lint-loop.mjs, helm-unit-loop.mjs), imported by their entries and
// bundled with them: PASSES passes (environment, default 2), each timed and its JS heap allocation summed.
import { writeFileSync } from 'node:fs';
import { GCProfiler, getHeapStatistics } from 'node:v8';

/**
 * Runs `pass(out)` PASSES times and prints per pass `what(result)`, wall and CPU time, and the JS heap allocated
 * (v8.GCProfiler: heap used before each GC minus used after the previous one). The first pass gets an array `out`
 * when OUT names a file, and its lines are written there.
 */
export function measuredPasses(pass, what) {
  for (let n = 0; n < Number(process.env.PASSES ?? 2); n++) {
    const out = n === 0 && process.env.OUT ? [] : undefined;
    const profiler = new GCProfiler();
    profiler.start();
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const result = pass(out);
    const used = process.cpuUsage(cpu);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    let allocated = 0;
    let after = -1;
    for (const gc of profiler.stop().statistics) {
      if (after >= 0) allocated += gc.beforeGC.heapStatistics.usedHeapSize - after;
      after = gc.afterGC.heapStatistics.usedHeapSize;
    }
    if (after >= 0) allocated += getHeapStatistics().used_heap_size - after;
    console.log(`pass ${n + 1}: ${what(result)}, ${wallMs.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU, ${(allocated / 1048576).toFixed(1)} MiB allocated (from the first GC on)`);
    if (out) writeFileSync(process.env.OUT, out.join('\n'));
  }
}
