import { isMap, isScalar } from '../models/yaml-nodes';
import { defineRule } from '../engine/rule';
import type { SpanEdit } from '../engine/types';
import { origin } from '../models/compose';
import { onAllInterfaces, portsOf, type ComposePort } from '../models/compose-parts';
import { fixesOf } from '../models/compose-fixes';
import { insertPair } from '../models/yaml-edit';
import { insertIntoScalar, replaceNode } from '../models/yaml-scalar';

const LOOPBACK = '127.0.0.1';

function bindToLoopback(text: string, port: ComposePort): SpanEdit | undefined {
  if (port.long) return isMap(port.node) && port.hostIp === undefined ? insertPair(text, port.node, 'host_ip', LOOPBACK) : undefined;
  if (!isScalar(port.node) || port.hostIp !== undefined) return undefined;
  if (typeof port.node.value === 'number') return replaceNode(port.node, `"${LOOPBACK}::${port.node.value}"`);
  if (typeof port.node.value !== 'string' || port.node.value.includes('$')) return undefined;
  return insertIntoScalar(text, port.node, 0, port.published === undefined ? `${LOOPBACK}::` : `${LOOPBACK}:`);
}

export default defineRule({
  meta: {
    id: 'compose/port-all-interfaces',
    kind: 'compose',
    title: 'Bind published ports to a specific interface',
    stride: 'information-disclosure',
    severity: 'info',
    fix: 'suggest',
    description:
      'A published port without a host address listens on every interface of the host (`0.0.0.0` and `::`), so a database or admin port meant for local use is reachable from the network; Docker\'s iptables rules also bypass host firewalls such as ufw.',
    remediation: 'Prefix the address the port is meant for, e.g. `"127.0.0.1:8080:80"` or `host_ip: 127.0.0.1`, or set `"ip"` in the daemon\'s daemon.json.',
    references: [
      { source: 'cis-docker', id: '5.14', version: '1.6.0' },
      { source: 'cis-docker', id: '5.13', version: '1.2.0' },
      { source: 'kics', id: '451d79dc-0588-476a-ad03-3c7f0320abb3', note: 'Container Traffic Not Bound To Host Interface' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n' }],
      valid: [{ code: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n' }],
    },
  },
  check(context) {
    const daemonIp = context.workspace.daemonDefaultBindIp;
    if (daemonIp !== undefined && daemonIp !== '0.0.0.0' && daemonIp !== '::') return;
    for (const service of context.model.services) {
      const value = service.get('ports');
      for (const port of portsOf(context.model.document, value)) {
        if (!port.known || !onAllInterfaces(port)) continue;
        const what = port.published ? `host port ${port.published}` : `a random host port for ${port.target ?? 'a container port'}`;
        context.report({
          span: port.span,
          message: `Service "${service.name}" publishes ${what} on every host interface${origin(value)}, so it is reachable from the network.`,
          fixes: () => fixesOf(`Bind the port to ${LOOPBACK}`, false, value?.inheritedFrom ? undefined : bindToLoopback(context.text, port)),
        });
      }
    }
  },
});
