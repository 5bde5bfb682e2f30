import { defineRule, type RuleContext } from '../engine/rule';
import { origin, textOf, type ComposeModel, type ComposeService } from '../models/compose';
import { fixesOf } from '../models/compose-fixes';
import { replaceNode } from '../models/yaml-scalar';
import { isRootUser } from '../models/dockerfile';
import { builtImage, inDockerfile } from './built-image';

const ROOT = new Set(['0', 'root']);

export default defineRule({
  meta: {
    id: 'compose/no-root-user',
    kind: 'compose',
    title: 'Do not run services as root',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      '`user: "0"`, `"root"`, `"0:0"` or `"root:wheel"` run the service as UID 0: a bug in it runs with root\'s rights over its files, mounts and capabilities, and a container escape lands as root on the host. A root group alone (`"1000:0"`) grants group-root file access. A service that sets no `user:` and builds its image (`build:`) runs as the USER its Dockerfile\'s shipped stage (or `target`) ends with: `USER root`, or `FROM scratch` with no USER, is reported on `build:` with the Dockerfile line as related information; a Dockerfile outside the workspace, or one that leaves the user to its base image, is unknown and not reported.',
    remediation: 'Run as an unprivileged user, e.g. `user: "10001:10001"`, and give that user the files it needs.',
    references: [
      { source: 'cis-docker', id: '4.1', version: '1.6.0' },
      { source: 'cis-docker', id: '5.24', version: '1.6.0' },
      { source: 'cis-docker', id: '5.23', version: '1.2.0' },
    ],
    examples: {
      invalid: [
        { code: 'services:\n  app:\n    image: busybox:1.36\n    user: "0:0"\n' },
        { code: 'services:\n  api:\n    build: ./api\n', files: { 'api/Dockerfile': 'FROM alpine:3.20\nUSER root\n' } },
      ],
      valid: [
        { code: 'services:\n  app:\n    image: busybox:1.36\n    user: "10001:10001"\n' },
        { code: 'services:\n  api:\n    build: ./api\n', files: { 'api/Dockerfile': 'FROM alpine:3.20\nUSER 10001\n' } },
      ],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const value = service.get('user');
      if (!value) {
        reportBuiltAsRoot(context, service);
        continue;
      }
      const user = textOf(value.node)?.trim();
      if (!user) continue;
      const [name, group] = user.split(':');
      if (ROOT.has(name.toLowerCase())) {
        context.report({
          span: value.span,
          message: `Service "${service.name}" runs as root (user "${user}")${origin(value)}, so a compromise has root's rights in the container.`,
          fixes: fixesOf('Run as user "10001:10001" (make sure it can read its files)', false, value.inheritedFrom ? undefined : replaceNode(value.node, '"10001:10001"')),
        });
      } else if (group !== undefined && ROOT.has(group.toLowerCase())) {
        context.report({ span: value.span, severity: 'info', message: `Service "${service.name}" runs with the root group (user "${user}")${origin(value)}, so it can use files owned by group root.` });
      }
    }
  },
});

/** A service without `user:` runs as its built image's USER: root when the Dockerfile says so (or FROM scratch). */
function reportBuiltAsRoot(context: RuleContext<ComposeModel>, service: ComposeService): void {
  const image = builtImage(context, service);
  const user = image?.stage.user;
  if (!image || !user || user.source === 'external') return;
  if (user.source === 'set' && !isRootUser(user.value?.toLowerCase())) return;
  const why = user.source === 'set' ? `its image (${image.shown}) ends with \`USER ${user.value}\`` : `its image (${image.shown}) is built FROM scratch with no USER`;
  context.report({
    span: service.get('build')!.span,
    message: `Service "${service.name}" runs as root: it sets no \`user:\` and ${why}, so a compromise has root's rights in the container.`,
    related: [inDockerfile(image, user.source === 'set' ? user.range : image.stage.fromRange, user.source === 'set' ? 'The USER the image runs as.' : 'The stage ships FROM scratch with no USER: uid 0.')],
  });
}
