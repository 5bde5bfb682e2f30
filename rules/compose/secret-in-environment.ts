import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { defineRule } from '../engine/rule';
import type { Span } from '../engine/types';
import { deref, origin, type ComposeValue } from '../models/compose';

/** Name fragments of the D13 secret-name list (hadolint DL3064), compared case-insensitively. */
const SECRET_NAME = /api_?key|client_?key|passw(or)?d|private|secret|token|username/i;
/** Variables that point at a secret rather than hold it (`POSTGRES_PASSWORD_FILE=/run/secrets/db`). */
const REFERENCE_NAME = /_(?:FILE|PATH|DIR|ENABLED|ENABLE|LENGTH|EXPIRY|EXPIRES|TTL)$/i;

interface Entry {
  name: string;
  value: string;
  span: Span;
}

/** Entries of a list (`["K=V"]`) or map (`{K: V}`) field with a literal value. */
function entries(document: import('yaml').Document, value: ComposeValue | undefined): Entry[] {
  if (!value) return [];
  const spanOf = (node: Node | null | undefined): Span => (value.inheritedFrom || !node?.range ? value.span : { start: node.range[0], end: node.range[1] });
  if (isSeq(value.node)) {
    return value.node.items.flatMap((item) => {
      const node = deref(document, item);
      if (!isScalar(node) || typeof node.value !== 'string') return [];
      const at = node.value.indexOf('=');
      return at < 0 ? [] : [{ name: node.value.slice(0, at).trim(), value: node.value.slice(at + 1), span: spanOf(node) }];
    });
  }
  if (isMap(value.node)) {
    return (value.node.items as Pair[]).flatMap((pair) => {
      const node = deref(document, pair.value);
      if (!isScalar(pair.key) || !isScalar(node) || typeof node.value !== 'string') return [];
      return [{ name: String(pair.key.value), value: node.value, span: spanOf(pair.key as Node) }];
    });
  }
  return [];
}

/** At most the first four characters, then an ellipsis. */
function mask(secret: string): string {
  return secret.length <= 4 ? '…' : `${secret.slice(0, 4)}…`;
}

export default defineRule({
  meta: {
    id: 'compose/secret-in-environment',
    kind: 'compose',
    title: 'Do not write secrets into environment variables',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'none',
    description:
      'A password, token or key written as a literal in `environment` or `build.args` is committed with the file and visible to everyone who can run `docker inspect`, read `/proc/<pid>/environ` or see the build history. Values taken from the shell (`${VAR}`) are not flagged; `env_file` is not inspected.',
    remediation: 'Move the value to a compose `secrets:` entry (mounted at `/run/secrets/<name>`; many images read `<VAR>_FILE`), or pass it from the environment with `${VAR}`.',
    references: [
      { source: 'cis-docker', id: '4.10', version: '1.6.0' },
      { source: 'cis-docker', id: '7.4', version: '1.6.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n' }],
      valid: [{ code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n      API_TOKEN: ${API_TOKEN}\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      for (const path of [['environment'], ['build', 'args']]) {
        const value = service.get(...path);
        for (const entry of entries(context.model.document, value)) {
          const literal = entry.value.trim();
          if (!SECRET_NAME.test(entry.name) || REFERENCE_NAME.test(entry.name) || literal === '' || literal.includes('${') || /^\$[A-Za-z_]/.test(literal)) continue;
          if (/^(true|false|yes|no|on|off|\d{1,3})$/i.test(literal)) continue; // a switch or a length, not a secret
          if (/^(?:\/|\.\.?\/|~\/)\S*$/.test(literal)) continue; // a path to a key or secret file, not the secret
          context.report({
            span: entry.span,
            message: `Service "${service.name}" sets ${entry.name} to a literal value ("${mask(literal)}") in ${path.join('.')}${origin(value)}, so the secret is readable by anyone with the file or docker inspect.`,
          });
        }
      }
    }
  },
});
