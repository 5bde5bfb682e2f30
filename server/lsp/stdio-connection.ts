import { Console } from 'node:console';
import { AbstractMessageWriter, ProposedFeatures, createConnection, type Connection, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { messageBytes } from './message-json';

/**
 * Writes each message (header and JSON body) with one write: the library's stream writer writes the header and
 * the body separately, so the client wakes for a header alone and, on a busy machine, the server may lose the
 * CPU between the two (the body then waits). One write halves the syscalls and the client's wake-ups. The body
 * is `messageBytes`: an open document's unchanged diagnostics are copied from kept JSON, not stringified again.
 */
export class WholeMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly output: NodeJS.WritableStream) {
    super();
    output.on('error', (error: Error) => this.fireError(error));
    output.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let bytes: Buffer;
    try {
      const body = messageBytes(message);
      const header = `Content-Length: ${body.length}\r\n\r\n`;
      bytes = Buffer.allocUnsafe(header.length + body.length);
      body.copy(bytes, bytes.write(header, 0, 'ascii'));
    } catch (error) {
      this.fireError(error as Error, message, ++this.errorCount);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.output.write(bytes, (error?: Error | null) => {
        if (!error) return resolve();
        this.fireError(error, message, ++this.errorCount);
        reject(error);
      });
    });
  }

  end(): void {
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
  // The library takes a stream or a reader/writer on either side; its typings list only matching pairs.
  return createConnection(ProposedFeatures.all, process.stdin, new WholeMessageWriter(process.stdout) as unknown as NodeJS.WritableStream);
}
