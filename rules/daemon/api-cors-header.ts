import { defineRule } from '../engine/rule';
import { nodeSpan } from '../models/daemon';
import { removeKeyFix } from '../models/daemon-edit';

export default defineRule({
  meta: {
    id: 'daemon/api-cors-header',
    kind: 'daemon',
    title: 'Do not open the Docker API to cross-origin web pages',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'fix',
    description:
      '`api-cors-header` lets web pages from other origins call the Docker API through a visitor\'s browser; with `"*"` any web page can drive the daemon, which is root on the host (an error). The key was removed in Engine 29.0, where it stops dockerd from starting.',
    remediation: 'Remove `api-cors-header`; call the API from a backend, not from browsers.',
    references: [{ source: 'docs', id: 'api-cors-header', note: 'dockerd reference: --api-cors-header (removed in Engine 29.0)' }],
    examples: {
      invalid: [{ code: '{\n  "api-cors-header": "*"\n}\n' }],
      valid: [{ code: '{\n  "icc": false\n}\n' }],
    },
  },
  check(context) {
    const { model } = context;
    const member = model.members.get('api-cors-header');
    if (!member) return;
    const origin = member.value.type === 'string' ? String(member.value.value).trim() : undefined;
    if (origin === '') return;
    const fixes = removeKeyFix(model, 'api-cors-header', 'Remove `"api-cors-header"`', true);
    if (origin === '*') {
      context.report({ span: nodeSpan(member.value), severity: 'error', message: '"api-cors-header": "*" lets any web page drive the Docker API, which is root on this host, through a visitor\'s browser.', fixes });
      return;
    }
    context.report({ span: nodeSpan(member.value), message: `"api-cors-header" lets pages from ${JSON.stringify(member.value.value ?? null)} call the Docker API through a browser, and Engine 29.0 refuses the key.`, fixes });
  },
});
