import { defineRule } from '../engine/rule';
import { copySources, instructionFlags } from '../models/dockerfile';

const SECRET_FILES: Array<[RegExp, string]> = [
  [/(^|\/)id_(rsa|dsa|ecdsa|ed25519)[^/]*$/i, 'an SSH private key'],
  [/\.(pem|key|p12|pfx|jks|keystore)$/i, 'a private key or certificate store'],
  [/(^|\/)\.env(\.(?!example$|sample$|template$|dist$|defaults?$)[^/]+)?$/i, 'an environment file'],
  [/(^|\/)\.(npmrc|pypirc|netrc|git-credentials|pgpass)$/i, 'a credentials file'],
  [/(^|\/)\.aws\/credentials$/i, 'AWS credentials'],
  [/(^|\/)\.docker\/config\.json$/i, 'Docker registry credentials'],
  [/(^|\/)(\.kube\/config|kubeconfig|[^/]+\.kubeconfig)$/i, 'a kubeconfig'],
];

export default defineRule({
  meta: {
    id: 'dockerfile/secret-file-copied',
    kind: 'dockerfile',
    title: 'Do not copy secret files into the image',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'none',
    description:
      'COPY/ADD of a private key, `.env` file, `.npmrc`, `.netrc`, cloud or registry credentials or a kubeconfig bakes the secret into an image layer. Deleting it in a later step does not help: the layer keeps it, and anyone who can pull the image can extract it.',
    remediation: 'Remove the COPY; use `RUN --mount=type=secret,id=…` for build-time secrets and runtime secrets for the container; list such files in `.dockerignore`.',
    references: [
      { source: 'cis-docker', id: '4.10', version: '1.6.0' },
      { source: 'trivy', id: 'DS031' },
    ],
    examples: {
      invalid: [{ code: 'FROM node:20-alpine\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci\n' }],
      valid: [{ code: 'FROM node:20-alpine\nCOPY package.json package-lock.json .env.example ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n' }],
    },
  },
  check(context) {
    for (const instruction of context.model.ast.getInstructions()) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      if (instructionFlags(instruction).some((flag) => flag.name === 'from')) continue; // another stage or image, not the build context
      for (const argument of copySources(instruction, context.lines)) {
        const source = argument.value.replace(/\/+$/, '');
        const match = SECRET_FILES.find(([pattern]) => pattern.test(source));
        if (!match) continue;
        context.report({
          span: argument.span,
          message: `${keyword} puts "${source}", ${match[1]}, into an image layer, where anyone who can pull the image can read it.`,
        });
      }
    }
  },
});
