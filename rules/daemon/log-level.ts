import { defineRule } from '../engine/rule';
import { nodeSpan, stringSetting } from '../models/daemon';
import { cisDocker } from '../models/daemon-checks';
import { DaemonEdit } from '../models/daemon-edit';

const VERBOSE = new Set(['debug', 'trace']);
const QUIET = new Set(['warn', 'warning', 'error', 'fatal', 'panic']);

export default defineRule({
  meta: {
    id: 'daemon/log-level',
    kind: 'daemon',
    title: 'Log the daemon at level info',
    stride: 'repudiation',
    severity: 'warning',
    fix: 'fix',
    description:
      'The daemon\'s `log-level` should be `info`: `debug` and `trace` write request details that may carry secrets into logs, while `warn`, `error`, `fatal` and `panic` drop the events an investigation needs. `"debug": true` forces debug logging whatever `log-level` says.',
    remediation: 'Set `"log-level": "info"` (`--log-level=info`) and remove `"debug": true`; the quick fix does both.',
    references: cisDocker('2.3', '2.2'),
    examples: {
      invalid: [{ code: '{\n  "log-level": "debug"\n}\n' }, { code: '{\n  "debug": true,\n  "log-level": "info"\n}\n' }],
      valid: [{ code: '{\n  "log-level": "info"\n}\n' }, { code: '{\n  "icc": false\n}\n' }],
    },
  },
  check(context) {
    const { model } = context;
    const level = stringSetting(model, 'log-level');
    const lower = level?.toLowerCase();
    const wrongLevel = lower !== undefined && (VERBOSE.has(lower) || QUIET.has(lower));
    const debug = model.members.get('debug');
    if (debug?.value.type === 'boolean' && debug.value.value === true) {
      const edit = new DaemonEdit(model).remove(['debug']);
      if (wrongLevel) edit.set(['log-level'], 'info');
      context.report({
        span: nodeSpan(debug.value),
        message: '"debug": true forces debug logging, which can write secrets from API requests into the daemon logs.',
        fixes: edit.fix(wrongLevel ? 'Remove `"debug": true` and set `"log-level": "info"`' : 'Remove `"debug": true`', true),
      });
      return;
    }
    if (!wrongLevel || lower === undefined) return;
    const value = model.members.get('log-level')!.value;
    context.report({
      span: nodeSpan(value),
      message: VERBOSE.has(lower)
        ? `"log-level": "${level}" writes verbose request details that can leak secrets into the daemon logs.`
        : `"log-level": "${level}" drops the informational events an audit or investigation needs.`,
      fixes: new DaemonEdit(model).set(['log-level'], 'info').fix('Set `"log-level": "info"`', true),
    });
  },
});
