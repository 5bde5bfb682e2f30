import { defineRule } from '../engine/rule';
import { booleanSetting, nodeSpan } from '../models/daemon';
import { cisDocker } from '../models/daemon-checks';
import { removeKeyFix } from '../models/daemon-edit';

export default defineRule({
  meta: {
    id: 'daemon/experimental',
    kind: 'daemon',
    title: 'Do not run experimental features in production',
    stride: 'tampering',
    severity: 'warning',
    fix: 'fix',
    description: '`"experimental": true` enables features that are not covered by the Engine\'s stability and security guarantees and may change or disappear between releases.',
    remediation: 'Remove `"experimental": true` (the default is off) on production hosts.',
    references: cisDocker('2.18', '2.16'),
    examples: {
      invalid: [{ code: '{\n  "experimental": true\n}\n' }],
      valid: [{ code: '{\n  "experimental": false\n}\n' }],
    },
  },
  check(context) {
    const { model } = context;
    if (booleanSetting(model, 'experimental') !== true) return;
    context.report({
      span: nodeSpan(model.members.get('experimental')!.value),
      message: '"experimental": true enables features without the Engine\'s stability and security guarantees.',
      fixes: removeKeyFix(model, 'experimental', 'Remove `"experimental": true`', true),
    });
  },
});
