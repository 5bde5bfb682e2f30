import { defineRule } from '../../engine/rule';
import { describeContainer, isTemplateValue, stringOf } from '../../models/kubernetes';
import { getNode, nodeSpan } from '../../models/yaml';

/** Splits an image reference into tag and digest (`registry:5000/app:1.2@sha256:…`). */
export function parseImage(reference: string): { tag?: string; digest?: string } {
  const [name, digest] = reference.split('@', 2);
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  return { tag: colon >= 0 ? name.slice(colon + 1) : undefined, digest };
}

export default defineRule({
  meta: {
    id: 'kubernetes/image-tag',
    kind: 'kubernetes',
    title: 'Pin container images to a version',
    stride: 'tampering',
    severity: 'warning',
    fix: 'none',
    description:
      'An image without a tag, or tagged `latest`, resolves to whatever was pushed last: pods of one workload can run different code, a rollback cannot go back, and a compromised registry push reaches the cluster at the next restart. Options: `requireDigest` reports images not pinned by `@sha256:` digest; `requireAlwaysPull` reports containers whose `imagePullPolicy` is not `Always`.',
    remediation: 'Pin a version tag (better: a digest, `image: registry/app:1.4.2@sha256:…`).',
    references: [
      { source: 'cis-kubernetes', id: '5.5.1', version: '1.12', note: 'image provenance, related' },
      { source: 'checkov', id: 'CKV_K8S_14' },
      { source: 'checkov', id: 'CKV_K8S_43' },
      { source: 'checkov', id: 'CKV_K8S_15' },
      { source: 'kics', id: 'Invalid Image Tag', note: 'Invalid Image Tag' },
      { source: 'kics', id: '7c81d34c-8e5a-402b-9798-9f442630e678', note: 'Image Without Digest' },
      { source: 'kics', id: 'Image Pull Policy Of The Container Is Not Set To Always', note: 'Image Pull Policy Of The Container Is Not Set To Always' },
      { source: 'trivy', id: 'KSV013' },
      { source: 'kube-linter', id: 'latest-tag' },
      { source: 'polaris', id: 'tagNotSpecified' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n' }],
    },
  },
  check(context) {
    const requireDigest = context.options.requireDigest === true;
    const requireAlwaysPull = context.options.requireAlwaysPull === true;
    for (const pod of context.model.podSpecs) {
      for (const container of pod.containers) {
        const imageNode = getNode(container.node, 'image');
        const image = stringOf(imageNode)?.trim();
        const who = `The ${describeContainer(container)}`;
        if (isTemplateValue(context.text, imageNode)) continue;
        if (!image) {
          context.report({ span: imageNode ? nodeSpan(imageNode) : container.nameSpan, message: `${who} names no image, so whatever the node defaults to runs.` });
          continue;
        }
        const { tag, digest } = parseImage(image);
        const span = nodeSpan(imageNode);
        if (!digest && (!tag || tag === 'latest')) {
          context.report({ span, message: `${who} uses ${tag ? 'the `latest` tag' : 'an untagged image'} ("${image}"), so the code it runs changes whenever the tag moves.` });
        } else if (requireDigest && !digest) {
          context.report({ span, message: `${who} uses "${image}" without a digest, so a re-pushed tag changes what runs.` });
        }
        const policy = getNode(container.node, 'imagePullPolicy');
        if (requireAlwaysPull && stringOf(policy) !== 'Always') {
          context.report({ span: policy ? nodeSpan(policy) : span, message: `${who} does not set \`imagePullPolicy: Always\`, so a node may run a stale cached image without checking the registry.` });
        }
      }
    }
  },
});
