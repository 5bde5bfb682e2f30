import { createHash } from 'node:crypto';
import type { FactsIndex, FileKind, WorkspaceFacts } from '../../rules/engine';

/** Kinds whose rules read the host files' settings (daemon.json, dockerd flags, audit rules). */
export const HOST_READERS: ReadonlySet<FileKind> = new Set(['compose', 'daemon', 'systemd', 'env-file', 'audit', 'kubernetes']);

/**
 * Digests of the index's answers per fact key (the keys its view records), for one state of the index: make a
 * new one when the index changes. A cached lint result stays valid while the digest of the keys its lint read
 * is the same, so a change re-lints only the files that asked about it (the CLI's --cache, the scan cache).
 */
export class FactsDigests {
  private readonly byKey = new Map<string, string>();
  /** Digests of key lists already asked for (most files read the same few keys, e.g. only `host`). */
  private readonly byList = new Map<string, string | undefined>();

  constructor(
    private readonly index: FactsIndex,
    /** The host settings as the adapter hands them to lints (the `host` key's answer). */
    private readonly host: () => WorkspaceFacts,
  ) {}

  /** One digest of the answers to these keys; undefined when a key is not one the index answers. */
  digestOf(keys: readonly string[]): string | undefined {
    const sorted = [...keys].sort();
    // Keys are names and paths: never a NUL.
    const list = sorted.join('\u0000');
    if (this.byList.has(list)) return this.byList.get(list);
    const digest = this.digestOfSorted(sorted);
    this.byList.set(list, digest);
    return digest;
  }

  private digestOfSorted(keys: readonly string[]): string | undefined {
    const hash = createHash('sha256');
    for (const key of keys) {
      let digest = this.byKey.get(key);
      if (digest === undefined) {
        const answer = this.answer(key);
        if (answer === undefined) return undefined;
        digest = createHash('sha256').update(JSON.stringify(answer) ?? 'none').digest('hex');
        this.byKey.set(key, digest);
      }
      hash.update(`${key}=${digest}\n`);
    }
    return hash.digest('hex');
  }

  /** The index's answer to a fact key, wrapped so that "nothing" is an answer too. */
  private answer(key: string): { value: unknown } | undefined {
    const view = this.index.view();
    const colon = key.indexOf(':');
    const [prefix, argument] = colon < 0 ? [key, ''] : [key.slice(0, colon), key.slice(colon + 1)];
    switch (prefix) {
      case 'host':
        return { value: this.host() };
      case 'dockerfile':
        return { value: view.dockerfile(argument) };
      case 'builds':
        return { value: view.composeBuildsOf(argument) };
      case 'ns':
        return { value: view.namespaceObjects(argument) };
      case 'cluster':
        return { value: view.clusterObjects() };
      default:
        return undefined;
    }
  }
}
