import { Console } from 'node:console';
import { AbstractMessageWriter, ProposedFeatures, createConnection, type Connection, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { messageFrame } from './message-json';

/** A batch of messages is written once it holds this much (a pipe's buffer). */
const BATCH_BYTES = 1 << 16;
/** Output the client has not taken yet beyond which a scan waits (a warm start publishes ≈ 27 MB faster than a client reads it). */
const BACKLOG_BYTES = 1 << 20;

let protocolOutput: NodeJS.WritableStream | undefined;

/**
 * Resolves once the client has taken all but `backlog` bytes of what was written to it: a scan publishing from the
 * cache waits here between slices, so the unsent output (and the memory it leaves behind) stays small; after a
 * scan the server waits for all of it (0) before it hands its memory back.
 */
export function clientCaughtUp(backlog = BACKLOG_BYTES): Promise<void> {
  const output = protocolOutput as (NodeJS.WritableStream & { writableLength?: number }) | undefined;
  if (!output || (output.writableLength ?? 0) <= backlog) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error']) output.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) output.once(event, done);
  });
}

/**
 * Writes each message (header and JSON body) with one write: the library's stream writer writes the header and
 * the body separately, so the client wakes for a header alone and, on a busy machine, the server may lose the
 * CPU between the two (the body then waits). One write halves the syscalls and the client's wake-ups. The body
 * is `messageFrame`'s: an open document's unchanged diagnostics are copied from kept JSON, not stringified again,
 * and a message written alone goes out as that buffer (no copy). Messages written in one synchronous run (a scan
 * publishing a slice of files) go out together in one write at the end of it (up to BATCH_BYTES): a warm start's
 * 5,731 publishes were as many write calls.
 */
export class WholeMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;
  private pending: Array<{ frame: Buffer; message: Message; resolve(): void; reject(error: Error): void }> = [];
  private pendingBytes = 0;

  constructor(private readonly output: NodeJS.WritableStream) {
    super();
    output.on('error', (error: Error) => this.fireError(error));
    output.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let frame: Buffer;
    try {
      frame = messageFrame(message);
    } catch (error) {
      this.fireError(error as Error, message, ++this.errorCount);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) process.nextTick(() => this.flush());
      this.pending.push({ frame, message, resolve, reject });
      this.pendingBytes += frame.length;
      if (this.pendingBytes >= BATCH_BYTES) this.flush();
    });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    const bytes = batch.length === 1 ? batch[0].frame : Buffer.concat(batch.map((entry) => entry.frame), this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.output.write(bytes, (error?: Error | null) => {
      for (const entry of batch) {
        if (!error) entry.resolve();
        else {
          this.fireError(error, entry.message, ++this.errorCount);
          entry.reject(error);
        }
      }
    });
  }

  end(): void {
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
  protocolOutput = process.stdout;
  // The library takes a stream or a reader/writer on either side; its typings list only matching pairs.
  return createConnection(ProposedFeatures.all, process.stdin, new WholeMessageWriter(process.stdout) as unknown as NodeJS.WritableStream);
}
