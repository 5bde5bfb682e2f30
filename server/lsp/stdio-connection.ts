import { Console } from 'node:console';
import { AbstractMessageWriter, ProposedFeatures, createConnection, type Connection, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { messageFrame } from './message-json';

/** A batch of messages is written once it holds this much (a pipe's buffer). */
const BATCH_BYTES = 1 << 16;
/** Output the client has not taken yet beyond which a scan waits (a warm start publishes ≈ 27 MB faster than a client reads it). */
const BACKLOG_BYTES = 1 << 20;

/**
 * Output the client has not taken beyond which further messages wait as they are (objects, not yet bytes) until
 * it drains: a cold scan publishes faster than a lagging client reads, and unsent bytes are malloc'd memory that
 * glibc keeps once freed (the objects are on the JS heap, which V8 hands back).
 */
const HOLD_BYTES = 1 << 20;

let protocolWriter: WholeMessageWriter | undefined;

/**
 * Resolves once the client has taken all but `backlog` bytes of what was written to it (and no message waits to
 * be written): a scan publishing from the cache waits here between slices, so the unsent output (and the memory
 * it leaves behind) stays small; after a scan the server waits for all of it (0) before it hands its memory back.
 * `withinMs`: resolves then at the latest (a client that stops reading does not hold the caller longer).
 */
export function clientCaughtUp(backlog = BACKLOG_BYTES, withinMs = Infinity): Promise<void> {
  const writer = protocolWriter;
  if (!writer || !writer.behind(backlog)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stop();
      clearTimeout(timer);
      resolve();
    };
    const timer = Number.isFinite(withinMs) ? setTimeout(done, withinMs).unref() : undefined;
    const stop = writer.onProgress(() => {
      if (!writer.behind(backlog)) done();
    });
  });
}

interface Written {
  message: Message;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Writes each message (header and JSON body) with one write: the library's stream writer writes the header and
 * the body separately, so the client wakes for a header alone and, on a busy machine, the server may lose the
 * CPU between the two (the body then waits). One write halves the syscalls and the client's wake-ups. The body
 * is `messageFrame`'s: an open document's unchanged diagnostics are copied from kept JSON, not stringified again,
 * and a batch of one message goes out as its frame (no copy).
 * Messages written in one synchronous run (a scan publishing a slice of files) go out together in one write at
 * the end of it (up to BATCH_BYTES): a warm start's 5,731 publishes were as many write calls. While more than
 * HOLD_BYTES wait for the client, messages are held in order, unserialized, until the output drains.
 */
export class WholeMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;
  private pending: Written[] = [];
  private pendingParts: Buffer[] = [];
  private pendingBytes = 0;
  private held: Written[] = [];
  private closed = false;
  private readonly progress = new Set<() => void>();

  constructor(private readonly output: NodeJS.WritableStream & { writableLength?: number }) {
    super();
    output.on('error', (error: Error) => this.fireError(error));
    // Output written to the stream by others (or a write's end seen first by the stream) counts too.
    output.on('drain', () => this.notify());
    output.on('close', () => {
      this.closed = true;
      this.fireClose();
      this.release(true);
      this.notify();
    });
  }

  write(message: Message): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = { message, resolve, reject };
      if (!this.closed && (this.held.length > 0 || this.backlog() > HOLD_BYTES)) this.held.push(entry);
      else this.send(entry);
    });
  }

  /** Whether more than `backlog` bytes have not reached the client yet, or a message waits to be written. */
  behind(backlog: number): boolean {
    return !this.closed && (this.held.length > 0 || this.backlog() > backlog);
  }

  /** `listener` runs each time output went to the client (or the output closed); the result stops it. */
  onProgress(listener: () => void): () => void {
    this.progress.add(listener);
    return () => this.progress.delete(listener);
  }

  private notify(): void {
    for (const listener of [...this.progress]) listener();
  }

  /** Bytes not yet taken by the client: batched here, or queued in the output stream. */
  private backlog(): number {
    return this.pendingBytes + (this.output.writableLength ?? 0);
  }

  private send(entry: Written): void {
    let frame: Buffer;
    try {
      frame = messageFrame(entry.message);
    } catch (error) {
      this.fireError(error as Error, entry.message, ++this.errorCount);
      entry.reject(error as Error);
      return;
    }
    if (this.pending.length === 0) process.nextTick(() => this.flush());
    this.pending.push(entry);
    this.pendingParts.push(frame);
    this.pendingBytes += frame.length;
    if (this.pendingBytes >= BATCH_BYTES) this.flush();
  }

  /**
   * Held messages go out, in order, while the backlog is within the limit (all of them when `all`). Runs after
   * each write the output completed: while messages are held, a write is always under way.
   */
  private release(all = false): void {
    let index = 0;
    while (index < this.held.length && (all || this.backlog() <= HOLD_BYTES)) this.send(this.held[index++]);
    this.held = index === this.held.length ? [] : this.held.slice(index);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    const bytes = this.pendingParts.length === 1 ? this.pendingParts[0] : Buffer.concat(this.pendingParts, this.pendingBytes);
    this.pending = [];
    this.pendingParts = [];
    this.pendingBytes = 0;
    this.output.write(bytes, (error?: Error | null) => {
      for (const entry of batch) {
        if (!error) entry.resolve();
        else {
          this.fireError(error, entry.message, ++this.errorCount);
          entry.reject(error);
        }
      }
      if (this.held.length > 0) this.release(Boolean(error));
      this.notify();
    });
  }

  end(): void {
    this.release(true);
    this.flush();
    this.output.end();
  }
}

/**
 * The connection over stdio (`--stdio`) with whole-message writes; any other transport as the library chooses
 * from argv. stdin stays a stream, so the library still exits when it ends; but with an explicit writer it no
 * longer moves `console` off stdout, so that is done here: a stray `console.log` must never corrupt the protocol.
 */
export function createServerConnection(argv: readonly string[] = process.argv): Connection {
  if (!argv.slice(2).includes('--stdio')) return createConnection(ProposedFeatures.all);
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  protocolWriter = new WholeMessageWriter(process.stdout);
  // The library takes a stream or a reader/writer on either side; its typings list only matching pairs.
  return createConnection(ProposedFeatures.all, process.stdin, protocolWriter as unknown as NodeJS.WritableStream);
}
