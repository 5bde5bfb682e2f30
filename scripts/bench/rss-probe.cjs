// Preloaded into benchmarked processes (`node --require`): writes the process's peak RSS (MiB) and CPU time (ms) at exit.
'use strict';
const file = process.env.STRIDELINT_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    // Peak RSS in MiB, then CPU time (user + system) in ms: on a shared machine CPU time is the steadier figure.
    require('node:fs').writeFileSync(file, `${usage.maxRSS / 1024} ${(usage.userCPUTime + usage.systemCPUTime) / 1000}`);
  });
}
