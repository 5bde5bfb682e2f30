import { defineRule } from '../../engine/rule';
import { secretManifests } from '../../models/secrets/in-kubernetes';

export default defineRule({
  meta: {
    id: 'kubernetes/committed-secret',
    kind: 'kubernetes',
    title: 'Do not commit Secret manifests with literal data',
    stride: 'information-disclosure',
    severity: 'error',
    fix: 'none',
    description:
      'A `Secret` whose `stringData` or `data` holds literal values (base64 is an encoding, not encryption) puts the secret into the repository and every clone, fork and CI log of it. Reported once per Secret, at its `stringData`/`data` key, naming the most telling value (masked). Not reported: empty Secrets (service-account tokens filled in by the cluster), Helm `{{ … }}` and other references, SOPS `ENC[…]` values, public certificates (`tls.crt`, `ca.crt`), and kinds that are meant to be committed (SealedSecret, ExternalSecret).',
    remediation: 'Commit an encrypted or indirect form instead: a Bitnami SealedSecret (`kubeseal`), an External Secrets Operator `ExternalSecret` that reads from Vault/AWS/GCP/Azure, or a SOPS-encrypted file; create plain Secrets from CI or `kubectl create secret` at deploy time. Revoke the committed values.',
    references: [
      { source: 'cis-kubernetes', id: '5.4.2', version: '1.12', note: 'external secret storage' },
      { source: 'kics', id: 'a88baa34-e2ad-44ea-ad6f-8cac87bc7c71', note: 'Passwords And Secrets' },
      { source: 'docs', id: 'kubernetes-secrets-good-practices', note: 'Kubernetes: Good practices for Kubernetes Secrets', url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: Xk3-long-random-9q\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: "{{ .Values.db.password }}"\n' }],
    },
  },
  check(context) {
    for (const sighting of secretManifests(context.model)) {
      if (sighting.verdict.verdict !== 'secret') continue;
      const others = sighting.keys > 1 ? ` and ${sighting.keys - 1} more key${sighting.keys > 2 ? 's' : ''}` : '';
      context.report({
        span: sighting.span,
        message: `${sighting.subject} holds ${sighting.verdict.label} ("${sighting.verdict.masked}")${others} in plain text: committed, it is readable by everyone with the repository.`,
        data: { secretType: sighting.verdict.type },
      });
    }
  },
});
