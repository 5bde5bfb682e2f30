import rule from '../../../../rules/kubernetes/workloads/committed-secret';
import { testRule } from '../../../helpers/rule-tester';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

testRule(rule, {
  valid: [
    { name: 'Helm values, SOPS, empty and public data', code: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\nstringData:\n  password: "{{ .Values.password }}"\n  token: ENC[AES256_GCM,data:Tr8=,iv:a,tag:b,type:str]\n  empty: ""\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ca\ndata:\n  ca.crt: ${b64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')}\n` },
    { name: 'a service-account token Secret the cluster fills in', code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: sa\n  annotations:\n    kubernetes.io/service-account.name: builder\ntype: kubernetes.io/service-account-token\n' },
    { name: 'a SealedSecret is meant to be committed', code: 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: s\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq\n' },
  ],
  invalid: [
    {
      name: 'one finding per Secret, at its section key, naming the most telling value (masked)',
      code: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: Tr0ub4dor-horse\n  username: app\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ndata:\n  note: ${b64('hello-world-value')}\n  url: ${b64('postgres://app:s3cr3t@db/app')}\n`,
      errors: [
        { line: 5, column: 1, message: 'Secret db key password holds a literal password ("Tr0… (15 chars)") in plain text: committed, it is readable by everyone with the repository.' },
        { line: 13, column: 1, message: 'Secret api key url holds a password inside a URL ("postgres://app:••••@…") and 1 more key in plain text: committed, it is readable by everyone with the repository.' },
      ],
    },
    {
      name: 'a .dockerconfigjson with a registry login',
      code: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(`{"auths":{"r.example.com":{"auth":"${b64('bot:Tr0ub4dor-horse')}"}}}`)}\n`,
      errors: [{ line: 6, column: 1, message: /^Secret pull key \.dockerconfigjson holds a registry login in a Docker auths entry/ }],
    },
  ],
});
