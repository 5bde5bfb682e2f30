// Preloaded into benchmarked processes (`node --require`): writes the process's peak RSS (MiB) at exit.
'use strict';
const file = process.env.STRIDELINT_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS / 1024));
  });
}
