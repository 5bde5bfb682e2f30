/**
 * How the VS Code client starts the language server: its node flags and what it adds to the environment. Pure (no
 * `vscode`): the build also writes it as dist/server-launch.js, so the benchmarks start each build's server the
 * way that build's client does.
 */

/** --expose-gc: the server hands the workspace scan's memory back right after it (server/lsp/memory-settle.ts). */
export const SERVER_EXEC_ARGV: readonly string[] = ['--expose-gc'];

/**
 * glibc malloc settings for the server process (read once, when the process starts; a running process cannot set
 * them). After the 10,000-file scan most of the server's RSS outside V8's heap was memory glibc had been given back
 * but kept:
 * - `MALLOC_ARENA_MAX`: every thread that allocates gets an arena of its own (up to 8 per core), and an arena
 *   outlives its thread, so the scan's worker threads left ≈ 30 MiB of freed memory behind in theirs. Two arenas
 *   are shared by all threads instead.
 * - `MALLOC_MMAP_THRESHOLD_`: by default glibc raises the size from which it maps a block of its own (and unmaps
 *   it on free) to the largest block freed so far, up to 32 MiB, and trims its main heap only when twice that is
 *   free at its top: after the scan read files and wrote the cache in blocks of megabytes, up to 64 MiB stayed
 *   with the process. A fixed threshold (glibc's initial one) keeps large blocks mapped and returned when freed,
 *   and the main heap trimmed past 128 KiB free.
 */
export const SERVER_MALLOC_ENVIRONMENT: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** What the client adds to the server's environment: the settings above, except where the user set one already. */
export function serverEnvironment(inherited: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(SERVER_MALLOC_ENVIRONMENT).filter(([name]) => inherited[name] === undefined));
}
