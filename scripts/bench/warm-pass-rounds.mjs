// The parent side of the in-process parse benches (yaml-compose.mjs, values-parse.mjs): each mode run as a child
// process (`--trace-gc-nvp`, three passes), modes alternated round by round; prints each mode's median CPU and
// allocation of the last (warm) pass. A child prints `pass N` before each pass and `cpu N MS` after it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Runs `script --child MODE --passes 3 ...childArgs` per mode, `runs` rounds; prints one line per mode. */
export function warmPassRounds({ script, modes, runs, childArgs }) {
  const results = Object.fromEntries(modes.map((mode) => [mode, { cpu: [], allocated: [] }]));
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? modes : [...modes].reverse();
    for (const mode of order) {
      const child = spawnSync(process.execPath, ['--trace-gc-nvp', script, '--child', mode, '--passes', '3', ...childArgs], { encoding: 'utf8', maxBuffer: 1 << 28 });
      if (child.status !== 0) throw new Error(child.stderr);
      // Allocation of the last (warm) pass: the bytes each collection reports allocated since the one before.
      let pass = -1;
      let allocated = 0;
      let cpu = 0;
      for (const line of child.stdout.split('\n')) {
        if (line.startsWith('pass ')) pass = Number(line.slice(5));
        else if (line.startsWith('cpu 2 ')) cpu = Number(line.split(' ')[2]);
        else if (pass === 2) {
          const match = /\ballocated=(\d+)/.exec(line);
          if (match) allocated += Number(match[1]);
        }
      }
      results[mode].cpu.push(cpu);
      results[mode].allocated.push(allocated / 1e6);
    }
    process.stderr.write(`round ${round + 1}/${runs} load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const width = Math.max(...modes.map((mode) => mode.length)) + 1;
  for (const mode of modes) {
    const { cpu, allocated } = results[mode];
    console.log(`${mode.padEnd(width)} CPU per warm pass median ${median(cpu).toFixed(0)} ms [${cpu.map((v) => v.toFixed(0)).join(', ')}]; allocated median ${median(allocated).toFixed(0)} MB`);
  }
}
