import rule from '../../../../rules/kubernetes/workloads/image-tag';
import { testRule } from '../../../helpers/rule-tester';
import { yaml } from './yaml';

const pod = (image: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: ${image}\n${extra}`;

testRule(rule, {
  valid: [
    { code: pod('nginx:1.27.3') },
    { name: 'a registry port is not a tag', code: pod('registry.local:5000/team/web:2.1') },
    { name: 'Helm expressions are unknown until rendered', code: pod('{{ .Values.image }}') + '    - name: side\n      image: "{{ .Values.side.repository }}"\n' },
    { name: 'a digest pins even without a tag', code: pod('nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef') },
    { name: 'options satisfied', options: { requireDigest: true, requireAlwaysPull: true }, code: pod('nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', '      imagePullPolicy: Always\n') },
  ],
  invalid: [
    {
      name: 'latest in an initContainer, untagged behind a registry port',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          initContainers:
            - name: init
              image: busybox:latest
          containers:
            - name: web
              image: "registry.local:5000/web"
      `,
      errors: [
        { line: 8, column: 14, message: 'The init container "init" uses the `latest` tag ("busybox:latest"), so the code it runs changes whenever the tag moves.' },
        { line: 11, column: 14, message: 'The container "web" uses an untagged image ("registry.local:5000/web"), so the code it runs changes whenever the tag moves.' },
      ],
    },
    {
      name: 'requireDigest and requireAlwaysPull',
      options: { requireDigest: true, requireAlwaysPull: true },
      code: pod('nginx:1.27.3', '      imagePullPolicy: IfNotPresent\n'),
      errors: [
        { line: 8, column: 14, message: 'The container "web" uses "nginx:1.27.3" without a digest, so a re-pushed tag changes what runs.' },
        { line: 9, column: 24, message: /does not set `imagePullPolicy: Always`/ },
      ],
    },
  ],
});
