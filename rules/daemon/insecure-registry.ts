import { defineRule } from '../engine/rule';
import { nodeSpan, stringItems } from '../models/daemon';
import { cisDocker } from '../models/daemon-checks';

export default defineRule({
  meta: {
    id: 'daemon/insecure-registry',
    kind: 'daemon',
    title: 'Pull only from registries over verified TLS',
    stride: 'tampering',
    severity: 'warning',
    fix: 'none',
    description:
      'Registries in `insecure-registries` are reached without TLS certificate verification (or over plain HTTP), and an `http://` entry in `registry-mirrors` pulls every image in plaintext: anyone on the path can swap the images the host runs.',
    remediation: 'Serve the registry with a certificate the host trusts (`/etc/docker/certs.d/<registry>/ca.crt`) and remove it from `insecure-registries`; use `https://` mirrors.',
    references: cisDocker('2.5', '2.4'),
    examples: {
      invalid: [{ code: '{\n  "insecure-registries": ["registry.local:5000"]\n}\n' }, { code: '{\n  "registry-mirrors": ["http://mirror.local"]\n}\n' }],
      valid: [{ code: '{\n  "insecure-registries": [],\n  "registry-mirrors": ["https://mirror.gcr.io"]\n}\n' }],
    },
  },
  check(context) {
    for (const registry of stringItems(context.model, 'insecure-registries')) {
      context.report({ span: nodeSpan(registry.node), message: `Registry "${registry.value}" is reached without TLS verification, so images pulled from it can be replaced in transit.` });
    }
    for (const mirror of stringItems(context.model, 'registry-mirrors')) {
      if (!/^http:\/\//i.test(mirror.value.trim())) continue;
      context.report({ span: nodeSpan(mirror.node), message: `Mirror "${mirror.value}" is plain HTTP, so every image pulled through it can be replaced in transit.` });
    }
  },
});
