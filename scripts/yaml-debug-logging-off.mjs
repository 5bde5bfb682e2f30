// An esbuild plugin for our bundles: the `yaml` library's debug switches (`LOG_TOKENS`, `LOG_STREAM`) compiled out.
// Why: its parser reads `process.env.LOG_TOKENS` once per token (a call into the C++ environment accessor: ≈ 430k
// reads over the corpus charts' values files), and with the variable set it would print every token on stdout,
// which is the language server's protocol channel. node_modules is left as installed; only our bundle changes.
import { readFile } from 'node:fs/promises';

/** The files and the debug reads each must contain (a `yaml` upgrade that moves them fails the build, loudly). */
const SWITCHES = [
  { file: /[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/, read: 'node_process.env.LOG_TOKENS' },
  { file: /[\\/]yaml[\\/]dist[\\/]compose[\\/]composer\.js$/, read: 'node_process.env.LOG_STREAM' },
];

export const yamlDebugLoggingOff = {
  name: 'yaml-debug-logging-off',
  setup(build) {
    for (const { file, read } of SWITCHES) {
      build.onLoad({ filter: file }, async ({ path }) => {
        const text = await readFile(path, 'utf8');
        if (!text.includes(read)) throw new Error(`${path} no longer contains ${read}: check scripts/yaml-debug-logging-off.mjs against this yaml version`);
        return { contents: text.replaceAll(read, 'false'), loader: 'js' };
      });
    }
  },
};
