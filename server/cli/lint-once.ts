import { ALL_RULES } from '../../rules';
import { detectKind, factsOfFile, hostWorkspaceFacts, lintFile, type FileFacts, type FileKind, type LintResult, type StridelintConfig } from '../../rules/engine';
import { detachedFacts } from '../../rules/facts/detached-facts';
import { GrowingIndex, newAnswers, type Answers } from '../../rules/facts/growing-index';
import { toPosix } from '../shared/config-loader';
import { FactsDigests } from '../shared/facts-digests';
import { HeldTexts } from './held-results';
import { readAndLint, type DiskLint } from './lint-on-disk';
import { readQuietly, type RunIndex } from './workspace-index';

/** Kinds whose facts are the host settings every compose, Kubernetes and host file reads. */
const HOST_KINDS: ReadonlySet<FileKind> = new Set(['daemon', 'systemd', 'env-file', 'audit']);

/** The plain files linted with one parse each: the run's index, and each file's lint when it still stands. */
export interface LintedOnce {
  runIndex: RunIndex;
  /** The file's lint from the first pass when every answer it got is still the same (taken once), else undefined. */
  take(posix: string): DiskLint | undefined;
  /** Removes the temporary file the findings wait in. */
  close(): void;
  /** Files linted in the first pass, and how many of them must be linted again. */
  counts: { linted: number; stale: number };
}

/**
 * One parse per plain file (issue 17): the host files' facts first (few, small; every other kind reads what they
 * say), then each file read, parsed and linted once in walk order against the index as filled so far, its facts
 * joining the index from the same parse. A lint stands when every answer it got from the index is the same on the
 * complete index (`GrowingIndex.stands`) and the host settings did not change; the caller lints the others again
 * (they read what a later file declared: the speaker of a namespace, a Dockerfile's compose builds). The output
 * is the one a facts pass followed by a lint pass gives, with one parse for most files.
 */
export function lintOnce(files: readonly string[], configFor: (file: string) => StridelintConfig, shown: (file: string) => string): LintedOnce {
  const growing = new GrowingIndex();
  const posixOf = new Map(files.map((file) => [file, toPosix(file)]));
  const display = new Map(files.map((file) => [toPosix(file), shown(file)]));
  // What the host files say together, in walk order (as the facts pass of the other run mode reads them).
  const hostNow = () => hostWorkspaceFacts(files.flatMap((file): Array<[string, FileFacts]> => {
    const facts = growing.index.get(posixOf.get(file)!);
    return facts ? [[posixOf.get(file)!, facts]] : [];
  }), (path) => display.get(path) ?? path);
  for (const file of files) {
    const posix = posixOf.get(file)!;
    const config = configFor(file);
    const kind = detectKind(posix, '', { kindGlobs: config.files });
    if (!kind || !HOST_KINDS.has(kind)) continue;
    const read = readQuietly(file, config);
    if (read) growing.add(posix, factsOfFile(read.text, posix, { config }));
  }
  const host = hostNow();
  // Only the findings wait for the complete index, as JSON in a temporary file (no text, flat memory).
  const held = new HeldTexts();
  const unlinted = new Map<string, DiskLint>();
  const answersOf = new Map<string, Answers>();
  for (const file of files) {
    const posix = posixOf.get(file)!;
    const config = configFor(file);
    const answers = newAnswers();
    const lint = readAndLint(file, config, false, (text) =>
      lintFile(text, posix, {
        config,
        fingerprints: true,
        rules: ALL_RULES,
        workspaceWithFacts: (facts) => {
          growing.add(posix, detachedFacts(facts));
          return { ...host, index: growing.view(answers) };
        },
      }),
    );
    if ('result' in lint) held.put(posix, JSON.stringify(lint.result));
    else unlinted.set(posix, lint);
    if (answers.list.length > 0) answersOf.set(posix, answers);
  }
  const finalHost = hostNow();
  const hostChanged = JSON.stringify(finalHost) !== JSON.stringify(host);
  const counts = { linted: files.length, stale: 0 };
  for (const file of files) {
    const posix = posixOf.get(file)!;
    const answers = answersOf.get(posix);
    if (!held.has(posix) || (!hostChanged && (!answers || growing.stands(answers)))) continue;
    held.forget(posix);
    counts.stale++;
  }
  answersOf.clear();
  const index = growing.index;
  return {
    runIndex: { index, host: finalHost, digests: new FactsDigests(index, () => finalHost), contentHashes: new Map() },
    take(posix) {
      const unread = unlinted.get(posix);
      if (unread) {
        unlinted.delete(posix);
        return unread;
      }
      const json = held.take(posix);
      return json === undefined ? undefined : { hash: '', result: JSON.parse(json) as LintResult, reads: [] };
    },
    close: () => held.dispose(),
    counts,
  };
}
