import { Console } from 'node:console';
import { ProposedFeatures, StreamMessageWriter, createConnection, type Connection, type MessageReader } from 'vscode-languageserver/node';
import { messageBytes } from './message-json';

/**
 * The server's connection, transport from argv. Over stdio, messages are written by our encoder (an open
 * document's unchanged diagnostics are not serialised again per keystroke: message-json.ts); other transports
 * are the library's.
 */
export function createServerConnection(): Connection {
  if (!process.argv.slice(2).includes('--stdio')) return createConnection(ProposedFeatures.all);
  const writer = new StreamMessageWriter(process.stdout, {
    charset: 'utf-8',
    contentTypeEncoder: { name: 'application/json', encode: async (message) => messageBytes(message) }, // async: a throw rejects, as the library's encoder does
  });
  // Given its streams, the library no longer moves console output off stdout (the protocol's channel): we do.
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  // stdin as a stream (its typings pair streams with streams only): the library wraps it and keeps exiting when it ends.
  return createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, writer);
}
