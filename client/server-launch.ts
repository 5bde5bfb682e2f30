/**
 * How the VS Code client starts the language server: its node flags and what it adds to the environment. Pure (no
 * `vscode`): the build also writes it as dist/server-launch.js, so the benchmarks start each build's server the
 * way that build's client does.
 */

/** --expose-gc: the server hands the workspace scan's memory back right after it (server/lsp/memory-settle.ts). */
export const SERVER_EXEC_ARGV: readonly string[] = ['--expose-gc'];

/**
 * glibc malloc settings for the server process (read once, when the process starts).
 *
 * `glibc.malloc.hugetlb=1` (glibc ≥ 2.35; ignored by other C libraries and where transparent huge pages are
 * off): malloc asks the kernel for transparent huge pages for the memory it maps. A warm start reads its ≈ 47 MB
 * scan cache into one buffer, and each 4 KiB page of it cost a page fault (≈ 10 µs each in this VM): with huge
 * pages warm starts of 10,000 files took 1.32–1.98 s against 1.56–2.10 s in two alternated sets (CPU medians −11 %
 * and −6 %, 23k minor faults against 42–50k; idle RSS the same within 2–5 MiB); cold scans and typing latency the
 * same (V8's heap is not malloc's). BENCHMARKS "nineteenth session".
 *
 * Not set: a fixed `MALLOC_MMAP_THRESHOLD_=131072`. After the 10,000-file scan ≈ 90–100 MiB of the server's
 * malloc memory was free but kept (malloc_info; malloc_trim(0) took RSS 211 → 153 MiB): glibc's dynamic mmap
 * threshold grows to the largest block freed (up to 32 MiB) and the main arena keeps twice that free; each exited
 * worker thread's arena keeps ≈ 9 MiB. The fixed threshold (glibc's initial value) returns it — idle RSS after the
 * scan 193 → 166 MiB, quiet, one run — but costs the scan ≈ 9–11 % more CPU (24.2 → 26.5 s; 27.8/29.2 →
 * 31.5/32.1 s interleaved: large blocks mapped and unmapped, more page faults): a user who prefers the memory
 * starts VS Code with that variable (inherited). `MALLOC_ARENA_MAX=2` with it fragmented the main arena (58 of 62
 * MiB free, kept).
 */
export const SERVER_MALLOC_ENVIRONMENT: Readonly<Record<string, string>> = { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' };

/** What the client adds to the server's environment: the settings above, except where the user set one already. */
export function serverEnvironment(
  inherited: Readonly<Record<string, string | undefined>>,
  settings: Readonly<Record<string, string>> = SERVER_MALLOC_ENVIRONMENT,
): Record<string, string> {
  return Object.fromEntries(Object.entries(settings).filter(([name]) => inherited[name] === undefined));
}
