import type { SourceSet } from '../../../rules/models/helm/source-map';

/** The workspace folder of the fixtures (absolute, `/`-separated, as the adapters give paths). */
export const ROOT = '/ws';

/** A source set from paths relative to ROOT. */
export function sourceSet(files: Record<string, string>): SourceSet {
  return { files: new Map(Object.entries(files).map(([path, text]) => [`${ROOT}/${path}`, text])) };
}

/** A base Deployment with no securityContext at all (4-space indentation and a comment, kept by fixes). */
export const BASE_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
    name: web
spec:
    replicas: 1
    selector:
        matchLabels: {app: web}
    template:
        metadata:
            labels: {app: web}
        spec:
            # the web server
            containers:
                - name: web
                  image: nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                  resources:
                      requests: {cpu: 100m, memory: 64Mi}
                      limits: {cpu: 200m, memory: 128Mi}
`;

export const BASE_KUSTOMIZATION = 'resources:\n  - deployment.yaml\n';

/** A patch giving the pod and its container a complete restricted securityContext. */
export const RESTRICTED_PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
`;

export const OVERLAY_KUSTOMIZATION = 'resources:\n  - ../../base\npatches:\n  - path: security.yaml\n';

/** base/ + overlays/prod/ (the restricted patch, edited by `patch`). */
export function overlayWorkspace(patch: (text: string) => string = (text) => text, extra: Record<string, string> = {}): SourceSet {
  return sourceSet({
    'base/kustomization.yaml': BASE_KUSTOMIZATION,
    'base/deployment.yaml': BASE_DEPLOYMENT,
    'overlays/prod/kustomization.yaml': OVERLAY_KUSTOMIZATION,
    'overlays/prod/security.yaml': patch(RESTRICTED_PATCH),
    ...extra,
  });
}

/** The security-context rules: what a restricted securityContext satisfies. */
export const HARDENING_RULES = [
  'kubernetes/run-as-non-root',
  'kubernetes/allow-privilege-escalation',
  'kubernetes/readonly-root-filesystem',
  'kubernetes/capabilities-drop-all',
  'kubernetes/seccomp-not-set',
  'kubernetes/no-privileged',
  'kubernetes/run-as-user-root',
];

/**
 * A base and two overlays: prod patches the base's Deployment with RESTRICTED_PATCH; dev does so with `devPatch`
 * when given, else takes the base as it is. `extra` adds or replaces files.
 */
export function twoOverlays(devPatch?: string, extra: Record<string, string> = {}): SourceSet {
  return sourceSet({
    'base/kustomization.yaml': BASE_KUSTOMIZATION,
    'base/deployment.yaml': BASE_DEPLOYMENT,
    'overlays/prod/kustomization.yaml': OVERLAY_KUSTOMIZATION,
    'overlays/prod/security.yaml': RESTRICTED_PATCH,
    'overlays/dev/kustomization.yaml': devPatch ? OVERLAY_KUSTOMIZATION : 'resources:\n  - ../../base\n',
    ...(devPatch ? { 'overlays/dev/security.yaml': devPatch } : {}),
    ...extra,
  });
}
