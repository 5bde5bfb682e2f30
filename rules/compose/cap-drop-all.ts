import { defineRule } from '../engine/rule';
import { capabilityName, itemsOf, origin, textOf } from '../models/compose';
import { addToService, fixesOf } from '../models/compose-fixes';
import { appendSeqItem } from '../models/yaml-edit';
import { isSeq } from '../models/yaml-nodes';

export default defineRule({
  meta: {
    id: 'compose/cap-drop-all',
    kind: 'compose',
    title: 'Drop all capabilities, then add back what is needed',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'suggest',
    description:
      'Docker gives every container 14 capabilities by default, among them `NET_RAW` (packet spoofing), `SETUID`/`SETGID` and `DAC_OVERRIDE`. Most services need none of them; `cap_drop: [ALL]` removes them and `cap_add` grants back the few that are needed (drops apply before adds).',
    remediation: 'Add `cap_drop: [ALL]` and list in `cap_add` only what the service needs (e.g. `NET_BIND_SERVICE`).',
    references: [
      { source: 'cis-docker', id: '5.4', version: '1.6.0' },
      { source: 'cis-docker', id: '5.3', version: '1.2.0' },
      { source: 'kics', id: 'ce76b7d0-9e77-464d-b86f-c5c48e03e22d', note: 'Container Capabilities Unrestricted' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    cap_drop: [NET_RAW]\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    cap_drop: [ALL]\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      if (!service.map) continue;
      const value = service.get('cap_drop');
      const names = itemsOf(context.model.document, value).map((item) => textOf(item.node));
      if (names.some((name) => name === undefined || capabilityName(name) === 'ALL')) continue;
      if (value && !isSeq(value.node)) continue; // an unreadable value: unknown
      const title = 'Add `cap_drop: [ALL]` (add back needed capabilities with cap_add)';
      if (!value) {
        context.report({ span: service.keySpan, message: `Service "${service.name}" keeps Docker's default capabilities (no \`cap_drop: [ALL]\` in this file), including NET_RAW for packet spoofing.`, fixes: () => fixesOf(title, false, addToService(context.text, service, 'cap_drop', '[ALL]')) });
        continue;
      }
      const edit = () => (value.inheritedFrom || !isSeq(value.node) ? undefined : appendSeqItem(context.text, value.node, 'ALL'));
      context.report({ span: value.span, message: `Service "${service.name}" drops only some capabilities${origin(value)}; the rest of Docker's default set, such as NET_RAW, stays.`, fixes: () => fixesOf('Add ALL to `cap_drop`', false, edit()) });
    }
  },
});
