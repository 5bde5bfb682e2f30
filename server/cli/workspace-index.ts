import { FactsIndex, factsOfFile, hostWorkspaceFacts, type StridelintConfig, type WorkspaceFacts } from '../../rules/engine';
import { toPosix } from '../shared/config-loader';
import { readText } from '../shared/read-text';

/**
 * The run's workspace facts (issue 18): every walked file's facts in one index, read before any file is linted
 * so that each lint sees the whole workspace (compose → Dockerfile, Kubernetes relations), plus what the host
 * files (daemon.json, dockerd flags, audit rules) say together. Unreadable files add nothing: they are
 * reported when linted.
 */
export function workspaceIndex(files: readonly string[], configFor: (file: string) => StridelintConfig, shown: (file: string) => string): { facts: WorkspaceFacts; digest: string } {
  const index = new FactsIndex();
  for (const file of files) {
    const config = configFor(file);
    try {
      const read = readText(file, config.maxFileSize);
      if (!('text' in read)) continue;
      const facts = factsOfFile(read.text, toPosix(file), { config });
      if (facts) index.set(toPosix(file), facts);
    } catch {
      // unreadable: reported when the file itself is linted
    }
  }
  const byShown = new Map(files.map((file) => [toPosix(file), shown(file)]));
  const host = hostWorkspaceFacts(index.entries(), (path) => byShown.get(path) ?? path);
  // For --cache keys, everything the facts say as one string: a cached finding may depend on any file's facts
  // (the index is a view of functions, which JSON.stringify would drop).
  const digest = JSON.stringify([host, [...index.entries()]]);
  return { facts: { ...host, index: index.view() }, digest };
}
