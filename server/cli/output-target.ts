import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** Output is handed on in pieces of about this many characters (few writes, little held). */
const CHUNK = 1 << 16;

export interface OutputTarget {
  /** Text, or UTF-8 bytes (a spool's): written as they are to a file, decoded for the stdout writer. */
  write(chunk: string | Uint8Array): void;
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
  // A byte chunk may end inside a UTF-8 sequence: the decoder carries the rest to the next one.
  const decoder = new StringDecoder('utf8');
  let sink: (chunk: string | Uint8Array) => void = (chunk) => {
    const text = typeof chunk === 'string' ? decoder.end() + chunk : decoder.write(chunk);
    if (text) stdout(text);
  };
  let finish = (): void => undefined;
  let discard = (): void => undefined;
  if (file) {
    const target = resolve(cwd, file);
    const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    const fd = openSync(temporary, 'w');
    sink = (chunk) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      // writeSync may write less than it was given.
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    };
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
    write(chunk) {
      if (typeof chunk !== 'string') {
        flush();
        sink(chunk);
        return;
      }
      pending.push(chunk);
      size += chunk.length;
      if (size >= CHUNK) flush();
    },
    close() {
      flush();
      sink('');
      finish();
    },
    abort() {
      pending = [];
      size = 0;
      discard();
    },
  };
}
