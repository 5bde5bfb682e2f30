// Where the language server's memory is after a cold workspace scan: one server, one scan of FOLDER, then (1 s after
// its idle line) RSS split by /proc/PID/smaps_rollup, the server's own account, and optionally:
//   --smaps        RSS per mapping name and the largest anonymous mappings
//   --gdb          glibc's malloc_info per arena (through gdb), then malloc_trim(0) and the RSS after it
//   --snapshot DIR a heap snapshot (SIGUSR2) written into DIR
// node scripts/bench/rss-breakdown.mjs --server dist/server.js --folder F [--env K=V,...] [--args "node flags"] [--storage DIR]
// The server is started with --expose-gc and exactly the environment given (not the build's client's: compare settings).
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer } from './lsp-client.mjs';
const flag = (n) => (process.argv.indexOf(n) > 0 ? process.argv[process.argv.indexOf(n) + 1] : undefined);
const server = flag('--server');
const folder = flag('--folder');
const env = Object.fromEntries((flag('--env') ?? '').split(',').filter(Boolean).map((kv) => kv.split('=')));
const snapshot = flag('--snapshot');
const extraArgs = (flag('--args') ?? '').split(' ').filter(Boolean);
const storage = flag('--storage') ?? mkdtempSync(join(tmpdir(), 'sl-bench-storage-'));
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
let idleLog = '', memLog = '', idleAt = 0, last = 0, scanned = '';
const client = await startServer({
  args: ['--expose-gc', ...extraArgs, ...(snapshot ? ['--heapsnapshot-signal=SIGUSR2'] : []), server, '--stdio'],
  ...(snapshot ? { cwd: snapshot } : {}),
  env,
  rootPath: folder,
  initializationOptions: { storagePath: storage },
  configuration: (s) => (s === 'stridelint' ? {} : s === 'files.exclude' ? {} : null),
  onPublish: (p, at) => { last = at; },
  onLog: (m) => {
    if (m.startsWith('stridelint: memory after the scan')) memLog = m.replace(/^stridelint: memory after the scan: /, '');
    if (m.startsWith('stridelint: memory when idle after the scan')) { idleLog = m.replace(/^stridelint: memory when idle after the scan: /, ''); idleAt = Date.now(); }
    if (m.startsWith('stridelint: scanned')) scanned = m;
  },
});
const pid = client.child.pid;
const stat = () => { const s = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return { user: Number(s[11]) * 10, sys: Number(s[12]) * 10, minflt: Number(s[7]) }; };
const done = client.waitForProgressEnd(600000);
const c0 = client.cpuMs();
const started = await client.initialized();
await done;
const st = stat();
const cpu = client.cpuMs() - c0;
const wall = last - started;
await new Promise((r) => setTimeout(r, 2000));
const at2 = client.memory().rssMiB;
const t0 = Date.now();
while (Date.now() - t0 < 30000 && !(idleAt && Date.now() > idleAt + 1000)) await new Promise((r) => setTimeout(r, 100));
const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
const f = (n) => Math.round(Number(new RegExp(`^${n}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1]) / 1024);
const threads = readdirSync(`/proc/${pid}/task`).length;
console.log(`${JSON.stringify(env)} ${extraArgs.join(' ')}: wall ${(wall / 1000).toFixed(2)} s, CPU ${(cpu / 1000).toFixed(2)} s (user ${(st.user / 1000).toFixed(2)}, sys ${(st.sys / 1000).toFixed(2)}, minor faults ${st.minflt}); RSS 2s ${Math.round(at2)}; idle Rss ${f('Rss')} (anon ${f('Anonymous')}, file ${f('Rss') - f('Anonymous')}); threads ${threads}; load ${load()}`);
console.log(`  settled: ${memLog}\n  idle: ${idleLog}\n  ${scanned}`);
if (process.argv.includes('--smaps')) {
  const text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  const maps = [];
  let cur;
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) { cur = { start: m[1], size: (parseInt(m[2], 16) - parseInt(m[1], 16)) / 1024, perm: m[3], name: m[4] || '[anon]' }; maps.push(cur); continue; }
    const r = /^Rss:\s+(\d+) kB/.exec(line); if (r && cur) cur.rss = Number(r[1]);
  }
  const groups = new Map();
  for (const m of maps) { const k = m.name; const g = groups.get(k) ?? { rss: 0, n: 0, size: 0 }; g.rss += m.rss; g.n++; g.size += m.size; groups.set(k, g); }
  console.log('  by name (MiB rss / mapped, count):');
  for (const [k, g] of [...groups].sort((a, b) => b[1].rss - a[1].rss).slice(0, 12)) console.log(`    ${(g.rss / 1024).toFixed(1)} / ${(g.size / 1024).toFixed(0)} x${g.n} ${k}`);
  console.log('  largest anon mappings by rss (KiB rss / size KiB perm):');
  const anon = maps.filter((m) => m.name === '[anon]' || m.name === '[heap]').sort((a, b) => b.rss - a.rss);
  const hist = {};
  for (const m of anon) { const k = m.size >= 65536 - 4 && m.size <= 65536 ? '64MiB' : m.size >= 131072 ? '>=128MiB' : m.size >= 1024 ? '1-64MiB' : '<1MiB'; hist[k] = (hist[k] ?? 0) + m.rss; }
  console.log('    anon rss by mapping size:', Object.fromEntries(Object.entries(hist).map(([k, v]) => [k, Math.round(v / 1024)])));
  for (const m of anon.slice(0, 25)) console.log(`    ${m.rss} / ${m.size} ${m.perm} ${m.start} ${m.name}`);
}
if (process.argv.includes('--gdb')) {
  const { execFileSync } = await import('node:child_process');
  const out = join(tmpdir(), `sl-malloc-info-${pid}.xml`);
  const gdb = (cmds) => execFileSync('gdb', ['-p', String(pid), '-batch', '-nx', ...cmds.flatMap((c) => ['-ex', c])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    gdb([`call (void*)fopen("${out}", "w")`, 'set $f = $', 'call (int)malloc_info(0, $f)', 'call (int)fclose($f)']);
    const xml = readFileSync(out, 'utf8');
    rmSync(out, { force: true });
    const heaps = [...xml.matchAll(/<heap nr="(\d+)">([\s\S]*?)<\/heap>/g)].map(([, nr, body]) => {
      const total = (type) => Number(new RegExp(`<total type="${type}" count="\\d+" size="(\\d+)"`).exec(body)?.[1] ?? 0);
      const sys = Number(/<system type="current" size="(\d+)"/.exec(body)?.[1] ?? 0);
      return `arena ${nr}: system ${(sys / 1048576).toFixed(1)} MiB, free fast ${(total('fast') / 1048576).toFixed(1)} rest ${(total('rest') / 1048576).toFixed(1)}`;
    });
    console.log('  malloc_info:\n    ' + heaps.join('\n    '));
    const tail = xml.split('</heap>').at(-1);
    console.log('  totals:', tail.replace(/\s+/g, ' ').slice(0, 400));
    const before = client.memory().rssMiB;
    gdb(['call (int)malloc_trim(0)']);
    console.log(`  malloc_trim(0): RSS ${Math.round(before)} -> ${Math.round(client.memory().rssMiB)} MiB`);
  } catch (error) { console.log('  gdb failed', String(error).slice(0, 300)); }
}
if (snapshot) { await client.heapSnapshot(join(snapshot, `server-${pid}.heapsnapshot`)); console.log('  snapshot in', snapshot); }
await client.stop();
if (!flag('--storage')) rmSync(storage, { recursive: true, force: true });
