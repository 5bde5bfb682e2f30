import { defineRule } from '../engine/rule';
import { origin, textOf } from '../models/compose';

/** The tag of an image reference (`registry:5000/name` has none), or undefined. */
function tagOf(reference: string): string | undefined {
  const lastSlash = reference.lastIndexOf('/');
  const colon = reference.indexOf(':', lastSlash + 1);
  return colon < 0 ? undefined : reference.slice(colon + 1);
}

export default defineRule({
  meta: {
    id: 'compose/image-unpinned',
    kind: 'compose',
    title: 'Pin image versions',
    stride: 'tampering',
    severity: 'warning',
    fix: 'none',
    description:
      'An image without a tag, or tagged `latest`, is whatever the registry serves at pull time: an upstream change or a compromised publisher changes what runs without any change to this file. Services built locally (`build:`) are the Dockerfile rules\' concern.',
    remediation: 'Pin a version tag (`nginx:1.27.2`) or, better, a digest (`nginx:1.27.2@sha256:…`).',
    references: [
      { source: 'cis-docker', id: '5.28', version: '1.6.0' },
      { source: 'cis-docker', id: '5.27', version: '1.2.0' },
      { source: 'cis-docker', id: '4.2', version: '1.6.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  web:\n    image: nginx:latest\n' }],
      valid: [{ code: 'services:\n  web:\n    image: nginx:1.27.2\n  app:\n    build: .\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      if (service.get('build')) continue;
      const image = service.get('image');
      const reference = image && textOf(image.node)?.trim();
      if (!reference || reference.includes('@')) continue;
      const tag = tagOf(reference);
      if (tag !== undefined && tag !== 'latest' && tag !== '') continue;
      const what = tag === 'latest' ? 'the moving tag "latest"' : 'no tag (so "latest")';
      context.report({ span: image!.span, message: `Service "${service.name}" uses image ${reference} with ${what}${origin(image)}, so what runs can change without a change to this file.` });
    }
  },
});
