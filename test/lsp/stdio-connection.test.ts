import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection, type Message } from 'vscode-languageserver-protocol/node';
import { WholeMessageWriter } from '../../server/lsp/stdio-connection';
import { SERVER_BUNDLE } from './lsp-client';

/** A writable that records each write call's bytes. */
class RecordingOutput extends EventEmitter {
  readonly chunks: Buffer[] = [];
  write(chunk: string | Buffer, encodingOrCallback?: unknown, callback?: (error?: Error | null) => void): boolean {
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encodingOrCallback === 'string' ? (encodingOrCallback as BufferEncoding) : 'utf8'));
    const done = typeof encodingOrCallback === 'function' ? (encodingOrCallback as () => void) : callback;
    process.nextTick(() => done?.());
    return true;
  }
  end(): void {}
}

/** Fails instead of hanging when the server never answers (a corrupted channel). */
function within<T>(promise: Promise<T>, what: string, output: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within 20 s; stdout:\n${output().slice(0, 500)}`)), 20_000)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const MESSAGES: Message[] = [
  { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/Dockerfile', diagnostics: [{ message: 'Pässword “é” 🚀', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } }] } } as Message,
  { jsonrpc: '2.0', id: 7, result: null } as Message,
];

describe('WholeMessageWriter', () => {
  it('writes each message, header and body, in one write the protocol reader reads back', async () => {
    const output = new RecordingOutput();
    const writer = new WholeMessageWriter(output as unknown as NodeJS.WritableStream);
    for (const message of MESSAGES) await writer.write(message);
    assert.equal(output.chunks.length, MESSAGES.length, 'one write per message');
    for (const [index, chunk] of output.chunks.entries()) {
      const text = chunk.toString('utf8');
      const match = /^Content-Length: (\d+)\r\n\r\n/.exec(text);
      assert.ok(match, `a header opens write ${index}`);
      const body = chunk.subarray(Buffer.byteLength(match[0]));
      assert.equal(Number(match[1]), body.byteLength, 'Content-Length counts bytes, not characters');
      assert.deepEqual(JSON.parse(body.toString('utf8')), MESSAGES[index]);
    }
    const stream = new PassThrough();
    const read: Message[] = [];
    new StreamMessageReader(stream).listen((message) => read.push(message));
    stream.end(Buffer.concat(output.chunks));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(read, MESSAGES);
  });

  it('writes the messages of one synchronous run (a scan publishing many files) together in one write', async () => {
    const output = new RecordingOutput();
    const writer = new WholeMessageWriter(output as unknown as NodeJS.WritableStream);
    const many = Array.from({ length: 50 }, (_, index) => MESSAGES[index % MESSAGES.length]);
    await Promise.all(many.map((message) => writer.write(message)));
    assert.equal(output.chunks.length, 1, 'one write for the run');
    const stream = new PassThrough();
    const read: Message[] = [];
    new StreamMessageReader(stream).listen((message) => read.push(message));
    stream.end(output.chunks[0]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(read, many, 'every message, in order');
  });

  it('holds further messages unserialized while more than 1 MiB waits for a client that reads nothing, then writes them all in order', async () => {
    // A pipe to a client that takes nothing until told: each write completes only when `take()` is called.
    const chunks: Buffer[] = [];
    const callbacks: Array<() => void> = [];
    const output = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callbacks.push(callback);
      },
    });
    const take = () => callbacks.shift()?.();
    const writer = new WholeMessageWriter(output);
    let serialized = 0;
    const message = (index: number): Message => {
      const diagnostic = { range: { start: { line: index, character: 0 }, end: { line: index, character: 1 } } } as Record<string, unknown>;
      // JSON.stringify reads the getter: it counts the messages turned into bytes.
      Object.defineProperty(diagnostic, 'message', { enumerable: true, get: () => (serialized++, `${index} ${'x'.repeat(20_000)}`) });
      return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: `file:///w/${index}.yaml`, diagnostics: [diagnostic] } } as Message;
    };
    const count = 400; // ≈ 8 MB in all
    const written = Array.from({ length: count }, (_, index) => writer.write(message(index)));
    let resolved = 0;
    for (const promise of written) void promise.then(() => resolved++);
    await new Promise((resolve) => setImmediate(resolve));
    const queued = () => chunks.reduce((sum, chunk) => sum + chunk.length, 0) + output.writableLength;
    assert.ok(serialized < 80, `only what fits the limit was serialized: ${serialized} of ${count}`);
    assert.ok(queued() < 1.5 * 1048576, `output waiting for the client: ${queued()} bytes`);
    for (let turns = 0; resolved < count && turns < 10_000; turns++) {
      take();
      await new Promise((resolve) => setImmediate(resolve));
      assert.ok(output.writableLength < 1.5 * 1048576, `the backlog stays near the limit: ${output.writableLength}`);
    }
    assert.equal(resolved, count, 'every write resolved once the client took it');
    assert.equal(serialized, count, 'each message serialized once');
    const stream = new PassThrough();
    const read: Message[] = [];
    new StreamMessageReader(stream).listen((each) => read.push(each));
    stream.end(Buffer.concat(chunks));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      read.map((each) => (each as unknown as { params: { uri: string } }).params.uri),
      Array.from({ length: count }, (_, index) => `file:///w/${index}.yaml`),
      'every message, in order',
    );
  });

  it('is what makes the difference: the library writer needs two writes per message', async () => {
    const output = new RecordingOutput();
    const writer = new StreamMessageWriter(output as unknown as NodeJS.WritableStream);
    for (const message of MESSAGES) await writer.write(message);
    assert.equal(output.chunks.length, 2 * MESSAGES.length);
  });
});

describe('the server over --stdio', () => {
  it('keeps console output off the protocol channel (stderr instead) and still answers', async () => {
    const noise = join(__dirname, 'fixtures', 'console-noise.js');
    const child = spawn(process.execPath, ['--require', noise, SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const printed = () => Buffer.concat(stdout).toString('utf8');
      const result = (await within(connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }), 'initialize result', printed)) as { serverInfo?: { name: string } };
      assert.equal(result.serverInfo?.name, 'stridelint');
      await within(connection.sendRequest('shutdown'), 'shutdown result', printed);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await connection.sendNotification('exit');
      assert.equal(await within(exited, 'exit', printed), 0);
    } finally {
      connection.dispose();
      child.kill();
    }
    const out = Buffer.concat(stdout).toString('utf8');
    const err = Buffer.concat(stderr).toString('utf8');
    assert.ok(!out.includes('stray'), `nothing but protocol messages on stdout:\n${out.slice(0, 500)}`);
    for (const method of ['log', 'info', 'warn', 'error', 'dir']) assert.ok(err.includes(`console.${method}`), `console.${method} went to stderr:\n${err}`);
  });

  it('exits when its stdin ends without a shutdown (code 1), as the library does', async () => {
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.end();
    const timer = setTimeout(() => child.kill(), 10_000);
    assert.equal(await exited, 1);
    clearTimeout(timer);
  });
});

describe('clientCaughtUp', () => {
  const MODULE = join(__dirname, '../../server/lsp/stdio-connection.js');
  /** A server process that writes 768 KiB its client does not read yet, then asks when the client has taken it. */
  const CHILD = `
const { createServerConnection, clientCaughtUp } = require(${JSON.stringify(MODULE)});
createServerConnection(['node', 'server', '--stdio']);
process.stdout.write(Buffer.alloc(768 << 10));
clientCaughtUp().then(() => process.stderr.write('backlog ' + process.stdout.writableLength + '\\n'));
clientCaughtUp(0).then(() => process.stderr.write('all ' + process.stdout.writableLength + '\\n'));
clientCaughtUp(0, 200).then(() => process.stderr.write('late ' + process.stdout.writableLength + '\\n'));
`;

  it('by default lets up to 1 MiB wait; with 0, resolves only once the client has taken everything, or when its time limit ends', async () => {
    const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const until = async (what: string) => {
      const deadline = Date.now() + 20_000;
      while (!err.includes(what) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    try {
      // Unread, most of the output stays queued (a pipe holds a few hundred KiB at most).
      await until('backlog ');
      assert.match(err, /^backlog [1-9]\d*\n$/, 'the default resolved with output still queued');
      // The 200 ms limit ends while the client reads nothing: resolved with output still queued.
      await until('late ');
      assert.match(err, /\nlate [1-9]\d*\n$/, err);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.ok(!err.includes('all'), `0 waits while the client reads nothing: ${err}`);
      child.stdout.resume();
      await until('all ');
      assert.match(err, /\nlate [1-9]\d*\nall 0\n$/, err);
    } finally {
      child.stdin.end();
      child.kill();
    }
  });
});
