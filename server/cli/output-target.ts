import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Output is handed on in pieces of about this many characters (few writes, little held). */
const CHUNK = 1 << 16;

export interface OutputTarget {
  write(text: string): void;
  /** The run finished: everything is written (and `--output FILE` put in place). */
  close(): void;
  /** The run failed: `--output FILE` is left as it was. */
  abort(): void;
}

/**
 * Where a lint run's output goes while the run goes: stdout (through the CLI's writer), or `--output FILE`,
 * written to a temporary file beside it and renamed over it at the end, so that a run stopped by a
 * configuration error leaves the old file untouched, as before the output was streamed.
 */
export function openOutput(file: string | undefined, cwd: string, stdout: (text: string) => void): OutputTarget {
  let pending: string[] = [];
  let size = 0;
  let sink = stdout;
  let finish = (): void => undefined;
  let discard = (): void => undefined;
  if (file) {
    const target = resolve(cwd, file);
    const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    const fd = openSync(temporary, 'w');
    sink = (text) => writeSync(fd, text);
    finish = () => {
      closeSync(fd);
      renameSync(temporary, target);
    };
    discard = () => {
      closeSync(fd);
      rmSync(temporary, { force: true });
    };
  }
  const flush = (): void => {
    if (size === 0) return;
    sink(pending.join(''));
    pending = [];
    size = 0;
  };
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size >= CHUNK) flush();
    },
    close() {
      flush();
      finish();
    },
    abort() {
      pending = [];
      size = 0;
      discard();
    },
  };
}
