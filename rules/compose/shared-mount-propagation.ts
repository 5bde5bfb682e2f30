import { isMap, isScalar } from '../models/yaml-nodes';
import { defineRule } from '../engine/rule';
import { origin } from '../models/compose';
import { volumesOf } from '../models/compose-parts';
import { fixesOf } from '../models/compose-fixes';
import { findPair } from '../models/yaml';
import { removePair } from '../models/yaml-edit';
import { insertIntoScalar } from '../models/yaml-scalar';
import type { SpanEdit } from '../engine/types';
import type { ComposeVolume } from '../models/compose-parts';

function removeOption(text: string, volume: ComposeVolume): SpanEdit | undefined {
  const node = volume.node;
  if (volume.long) {
    const bind = isMap(node) ? findPair(node, 'bind') : undefined;
    if (!bind || !isMap(bind.value)) return undefined;
    const pair = findPair(bind.value, 'propagation');
    if (!pair) return undefined;
    return bind.value.items.length > 1 ? removePair(text, bind.value, pair, { keepShape: true }) : isMap(node) ? removePair(text, node, bind, { keepShape: true }) : undefined;
  }
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.includes('$')) return undefined;
  const raw = node.value;
  const option = volume.propagation!;
  const optionsStart = raw.lastIndexOf(':') + 1;
  const options = raw.slice(optionsStart).split(',');
  const index = options.indexOf(option);
  if (index < 0) return undefined;
  // `src:dst:shared` loses `:shared`; `src:dst:ro,shared` loses `,shared`; `src:dst:shared,ro` loses `shared,`.
  const offset = optionsStart + options.slice(0, index).join(',').length + (index > 0 ? 0 : 0);
  const [start, length] = options.length === 1 ? [optionsStart - 1, option.length + 1] : index > 0 ? [offset, option.length + 1] : [optionsStart, option.length + 1];
  const edit = insertIntoScalar(text, node, start, '');
  return edit ? { start: edit.start, end: edit.start + length, newText: '' } : undefined;
}

export default defineRule({
  meta: {
    id: 'compose/shared-mount-propagation',
    kind: 'compose',
    title: 'Do not share mount propagation with the host',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'fix',
    description:
      'With `shared` or `rshared` propagation, mounts the container makes under the bind appear on the host (and the other way round), so a container with mount rights can change what host processes see.',
    remediation: 'Remove the propagation option (the default is `rprivate`), or use `rslave` when host mounts must show up inside the container.',
    references: [
      { source: 'cis-docker', id: '5.20', version: '1.6.0' },
      { source: 'cis-docker', id: '5.19', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    volumes:\n      - /mnt/data:/data:rshared\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    volumes:\n      - /mnt/data:/data:rslave\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const value = service.get('volumes');
      for (const volume of volumesOf(context.model.document, context.model.volumes, value)) {
        const propagation = volume.propagation?.toLowerCase();
        if (propagation !== 'shared' && propagation !== 'rshared') continue;
        context.report({
          span: volume.span,
          message: `Service "${service.name}" mounts ${volume.source ?? 'a path'} with ${propagation} propagation${origin(value)}, so mounts made in the container reach the host.`,
          fixes: fixesOf(`Remove the ${propagation} propagation option`, true, value?.inheritedFrom ? undefined : removeOption(context.text, volume)),
        });
      }
    }
  },
});
