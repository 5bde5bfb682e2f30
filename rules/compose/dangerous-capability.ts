import { defineRule } from '../engine/rule';
import { capabilityName, itemsOf, origin, textOf } from '../models/compose';

/** Capabilities that amount to (nearly) root on the host: error. */
const CRITICAL = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'DAC_READ_SEARCH', 'SYS_RAWIO', 'SYS_BOOT', 'MAC_ADMIN', 'MAC_OVERRIDE', 'BPF', 'PERFMON']);
/** Docker's default set: adding one of these changes nothing, except NET_RAW, named for its spoofing risk. */
const DEFAULT_SET = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

export default defineRule({
  meta: {
    id: 'compose/dangerous-capability',
    kind: 'compose',
    title: 'Do not add dangerous capabilities',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'none',
    description:
      'Capabilities split root\'s power. `SYS_ADMIN`, `SYS_MODULE`, `SYS_PTRACE`, `DAC_READ_SEARCH`, `BPF` and the like (or `ALL`) each give a path out of the container; any capability outside Docker\'s default set widens what a compromised process can do, and an explicit `NET_RAW` lets it forge packets on the network.',
    remediation: 'Remove the capability from `cap_add`; if the service truly needs one, add only that one after `cap_drop: [ALL]` and document why.',
    references: [
      { source: 'cis-docker', id: '5.4', version: '1.6.0' },
      { source: 'cis-docker', id: '5.3', version: '1.2.0' },
      { source: 'kics', id: 'ce76b7d0-9e77-464d-b86f-c5c48e03e22d', note: 'Container Capabilities Unrestricted' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    cap_add: [SYS_ADMIN]\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const value = service.get('cap_add');
      for (const item of itemsOf(context.model.document, value)) {
        const raw = textOf(item.node);
        if (raw === undefined) continue;
        const name = capabilityName(raw);
        if (CRITICAL.has(name)) {
          const what = name === 'ALL' ? 'every capability' : `${name}, which is close to full root on the host`;
          context.report({ span: item.span, message: `Service "${service.name}" adds ${what}${origin(value)}; a compromised process can escape the container.` });
        } else if (name === 'NET_RAW') {
          context.report({ span: item.span, severity: 'warning', message: `Service "${service.name}" adds NET_RAW${origin(value)}, so it can craft raw packets and spoof other hosts on its network.` });
        } else if (!DEFAULT_SET.has(name)) {
          context.report({ span: item.span, severity: 'warning', message: `Service "${service.name}" adds ${name}${origin(value)}, a capability outside Docker's default set that widens what a compromised process can do.` });
        }
      }
    }
  },
});
