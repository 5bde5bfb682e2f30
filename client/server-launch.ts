/**
 * How the VS Code client starts the language server: its node flags and what it adds to the environment. Pure (no
 * `vscode`): the build also writes it as dist/server-launch.js, so the benchmarks start each build's server the
 * way that build's client does.
 */

/** --expose-gc: the server hands the workspace scan's memory back right after it (server/lsp/memory-settle.ts). */
export const SERVER_EXEC_ARGV: readonly string[] = ['--expose-gc'];

/**
 * glibc malloc settings for the server process (read once, when the process starts; a running process cannot set
 * them). After the 10,000-file scan ≈ 90–100 MiB of the server's malloc memory was free but kept (malloc_info;
 * malloc_trim(0) took RSS 211 → 153 MiB): by default glibc raises the size from which it maps a block of its own
 * (and unmaps it on free) to the largest block freed so far, up to 32 MiB, and gives back the free top of an arena
 * only when twice that is free there — after the scan read files, passed results and wrote the cache in blocks
 * of megabytes, the main arena kept up to 64 MiB and each exited worker thread's arena (they outlive their
 * threads) ≈ 9 MiB. A fixed `MALLOC_MMAP_THRESHOLD_` (glibc's initial value) keeps large blocks mapped and
 * returned when freed, and fixes the trim threshold at 128 KiB. `MALLOC_ARENA_MAX=2` (workers sharing the main
 * arena) was measured too: alone about as good, together with this worse (the workers' blocks fragmented the main
 * arena: 58 of its 62 MiB free, kept) — not used.
 */
export const SERVER_MALLOC_ENVIRONMENT: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** What the client adds to the server's environment: the settings above, except where the user set one already. */
export function serverEnvironment(inherited: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(SERVER_MALLOC_ENVIRONMENT).filter(([name]) => inherited[name] === undefined));
}
