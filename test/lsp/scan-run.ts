import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCAN_WORKSPACE_REQUEST, type ScanSummary } from '../../server/lsp/server';
import { TestClient } from './lsp-client';

/** One server run: a scan of `root` with the given storage folder and settings; each file's diagnostic messages. */
export async function scanOnce(root: string, storage: string | undefined, settings: Record<string, unknown> = {}): Promise<{ summary: ScanSummary; messages: Map<string, string[]> }> {
  const client = await TestClient.start({ rootPath: root, settings, initializationOptions: storage ? { storagePath: storage } : {} });
  try {
    const summary = await client.request<ScanSummary>(SCAN_WORKSPACE_REQUEST, null);
    const messages = new Map<string, string[]>();
    for (const params of client.published) messages.set(params.uri, params.diagnostics.map((diagnostic) => diagnostic.message));
    return { summary, messages };
  } finally {
    await client.stop();
  }
}

/** The scan cache file the server wrote in a storage folder. */
export const cacheFile = (storage: string) => join(storage, readdirSync(storage).find((name) => name.startsWith('scan-cache-'))!);
