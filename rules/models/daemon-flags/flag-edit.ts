import type { JSONPath } from 'jsonc-parser';
import type { SpanEdit } from '../../engine/types';
import { IGNORED_KEYS } from '../daemon-schema';
import type { DaemonFlagOrigin } from './daemon-view';
import type { DaemonFlag } from './dockerd-flags';

/** The flag that sets a daemon.json key: `hosts` → `host`, `log-opts` → `log-opt`; most keys are their flag. */
const FLAG_OF_KEY: Record<string, string> = Object.fromEntries(Object.entries(IGNORED_KEYS).filter(([, key]) => key !== '').map(([flag, key]) => [key, flag]));

export function flagNameOf(key: string): string {
  return FLAG_OF_KEY[key] ?? key;
}

/**
 * The daemon.json edits of a daemon rule's fix, done on the dockerd flags instead: a value is changed in
 * place (`--icc=true` → `--icc=false`, `--log-level debug` → `--log-level info`), a missing setting is appended
 * as `--flag=value`, a removed key removes its flags. What has no flag form (a nested builder key, a rename)
 * makes the whole fix unavailable rather than half-done.
 */
export class FlagEdit {
  private readonly edits: SpanEdit[] = [];
  private readonly appended: string[] = [];
  private failed = false;

  constructor(private readonly origin: DaemonFlagOrigin) {}

  set(path: JSONPath, value: unknown): void {
    const [key, child, ...deeper] = path;
    if (typeof key !== 'string' || deeper.length > 0 || (child !== undefined && typeof child !== 'string')) return this.fail();
    const written = this.origin.flags.filter((flag) => flag.key === key);
    if (child !== undefined) {
      const entry = written.filter((flag) => flag.value.split('=')[0] === child).pop();
      const text = `${child}=${render(value)}`;
      if (entry) this.replaceValue(entry, text);
      else this.appended.push(`--${flagNameOf(key)}=${text}`);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) this.appended.push(`--${flagNameOf(key)}=${render(item)}`);
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [name, item] of Object.entries(value)) this.appended.push(`--${flagNameOf(key)}=${name}=${entryValue(key, item)}`);
      return;
    }
    const last = written[written.length - 1];
    if (last && last.type !== 'array' && last.type !== 'object') this.replaceValue(last, render(value));
    else this.appended.push(`--${flagNameOf(key)}=${render(value)}`);
  }

  remove(path: JSONPath): void {
    if (path.length !== 1 || typeof path[0] !== 'string') return this.fail();
    for (const flag of this.origin.flags.filter((candidate) => candidate.key === path[0])) this.removeFlag(flag);
  }

  removeFlag(flag: DaemonFlag | undefined): void {
    const edit = flag && this.origin.editor?.remove(flag.valueWord ? [flag.word, flag.valueWord] : [flag.word]);
    if (edit) this.edits.push(edit);
    else this.fail();
  }

  fail(): void {
    this.failed = true;
  }

  result(): SpanEdit[] {
    if (this.failed || !this.origin.editor) return [];
    const edits = [...this.edits];
    if (this.appended.length > 0) {
      const append = this.origin.editor.append(this.appended);
      if (!append) return [];
      edits.push(append);
    }
    return edits;
  }

  private replaceValue(flag: DaemonFlag, value: string): void {
    const editor = this.origin.editor;
    const edit = flag.valueWord
      ? editor?.replace(flag.valueWord, value)
      : editor?.replace(flag.word, flag.form === 'attached' ? `-${flag.name}${value}` : `${flag.dashes}${flag.name}=${value}`);
    if (edit) this.edits.push(edit);
    else this.fail();
  }
}

function render(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A map entry's flag value: `--default-ulimit nofile=64000:64000` (soft:hard), else the plain value. */
function entryValue(key: string, value: unknown): string {
  if (key === 'default-ulimits' && typeof value === 'object' && value !== null) {
    const limit = value as { Soft?: unknown; Hard?: unknown };
    return `${render(limit.Soft)}:${render(limit.Hard)}`;
  }
  if (key === 'runtimes' && typeof value === 'object' && value !== null) return render((value as { path?: unknown }).path ?? '');
  return render(value);
}
