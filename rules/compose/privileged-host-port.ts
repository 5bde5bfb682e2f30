import { defineRule } from '../engine/rule';
import { origin } from '../models/compose';
import { portsOf } from '../models/compose-parts';

export default defineRule({
  meta: {
    id: 'compose/privileged-host-port',
    kind: 'compose',
    title: 'Do not publish privileged host ports',
    stride: 'spoofing',
    severity: 'info',
    fix: 'none',
    description:
      'Host ports below 1024 are the ones clients trust to belong to a system service (SSH on 22, HTTP on 80, DNS on 53). Publishing a container there makes it answer in the host\'s name; only the host-side port matters, the container side may be anything.',
    remediation: 'Publish on a host port at or above 1024 (`"8080:80"`) and put a reverse proxy or load balancer in front where a well-known port is needed.',
    references: [
      { source: 'cis-docker', id: '5.8', version: '1.6.0' },
      { source: 'cis-docker', id: '5.7', version: '1.2.0' },
      { source: 'kics', id: 'bc2908f3-f73c-40a9-8793-c1b7d5544f79', note: 'Privileged Ports Mapped In Container' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:8080"\n' }],
      valid: [{ code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const value = service.get('ports');
      for (const port of portsOf(context.model.document, value)) {
        const first = port.published === undefined ? NaN : Number(port.published.split('-')[0]);
        if (!Number.isInteger(first) || first <= 0 || first >= 1024) continue;
        context.report({ span: port.span, message: `Service "${service.name}" publishes the privileged host port ${port.published}${origin(value)}, where clients expect a trusted system service.` });
      }
    }
  },
});
