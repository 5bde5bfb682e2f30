import { defineRule } from '../engine/rule';
import type { Span, SpanEdit } from '../engine/types';
import { instructionRemovalSpan, removalSpan, type VariableDeclaration } from '../models/dockerfile';
import { effectiveCommand, hasOption, type ShellCommand, type ShellWord } from '../models/shell';

/** Environment variables that switch certificate checks off, and the values that do it. */
const VARIABLES: Array<{ name: RegExp; off: (value: string) => boolean; what: string }> = [
  { name: /^GIT_SSL_NO_VERIFY$/, off: () => true, what: 'git' }, // git checks only that it is set
  { name: /^PIP_TRUSTED_HOST$/, off: (value) => value !== '', what: 'pip' },
  { name: /^PYTHONHTTPSVERIFY$/, off: (value) => value === '0', what: 'Python' },
  { name: /^NODE_TLS_REJECT_UNAUTHORIZED$/, off: (value) => value === '0', what: 'Node.js' },
  { name: /^NPM_CONFIG_STRICT_SSL$/i, off: (value) => /^(false|0|no)$/i.test(value), what: 'npm' },
];

function variableRule(name: string, value: string | undefined): string | undefined {
  const match = VARIABLES.find((entry) => entry.name.test(name));
  return match && match.off(unquote(value ?? '')) ? match.what : undefined;
}

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, '$2');
}

const SSL_VERIFY_OFF = /^(?:[\w.*-]+\.)?sslverify=(0|false|no)$/i;

interface Hit {
  span: Span;
  message: string;
  edits?: SpanEdit[];
}

const YUM_LIKE = new Set(['yum', 'dnf', 'microdnf', 'tdnf', 'yum-config-manager', 'dnf-config-manager']);

function removalEdits(text: string, words: ShellWord[]): SpanEdit[] {
  return words.map((word) => ({ ...removalSpan(text, word.span), newText: '' }));
}

/** Adds to `hits` the flags in one command that switch TLS verification off, with the removal edit when one is safe. */
function commandHits(command: ShellCommand, text: string, hits: Hit[]): void {
  const { name, args } = effectiveCommand(command);
  if (name === 'curl') {
    const flag = hasOption(args, 'k', ['--insecure']);
    if (flag) {
      const cluster = /^-[A-Za-z0-9]{2,}$/.test(flag.value);
      const index = flag.value.indexOf('k');
      const edits = cluster && !flag.quoted ? [{ start: flag.span.start + index, end: flag.span.start + index + 1, newText: '' }] : removalEdits(text, [flag]);
      hits.push({ span: flag.span, message: `curl ${flag.value} disables TLS certificate verification, so anyone on the network path can replace the download.`, edits });
    }
  }
  if (name === 'wget') {
    const flag = args.find((word) => word.value === '--no-check-certificate');
    if (flag) hits.push({ span: flag.span, message: 'wget --no-check-certificate disables TLS certificate verification, so anyone on the network path can replace the download.', edits: removalEdits(text, [flag]) });
  }
  if (/^pip[0-9.]*$/.test(name) || (/^python[0-9.]*$/.test(name) && args[1]?.value.startsWith('pip'))) {
    args.forEach((word, index) => {
      if (word.value === '--trusted-host' && args[index + 1]) hits.push({ span: word.span, message: 'pip --trusted-host accepts that host without a valid certificate, so packages from it can be tampered with in transit.', edits: removalEdits(text, [word, args[index + 1]]) });
      else if (word.value.startsWith('--trusted-host=')) hits.push({ span: word.span, message: 'pip --trusted-host accepts that host without a valid certificate, so packages from it can be tampered with in transit.', edits: removalEdits(text, [word]) });
    });
  }
  if ((name === 'npm' || name === 'yarn') && args[0]?.value === 'config' && args[1]?.value === 'set') {
    const rest = args.slice(2).map((word) => word.value).join(' ');
    if (/^strict-ssl(=| )(false|0)$/i.test(rest)) hits.push({ span: { start: command.span.start, end: command.span.end }, message: `${name} config set strict-ssl false disables TLS certificate verification for every later install.` });
  }
  if (name === 'git') {
    args.forEach((word, index) => {
      if (word.value === '-c' && /^http\.sslverify=(false|0|no)$/i.test(args[index + 1]?.value ?? '')) hits.push({ span: args[index + 1].span, message: 'git -c http.sslVerify=false disables TLS certificate verification, so a cloned repository can be tampered with in transit.', edits: removalEdits(text, [word, args[index + 1]]) });
    });
    if (args.some((word) => word.value === 'config') && args.some((word, index) => /^http\.sslverify$/i.test(word.value) && /^(false|0|no)$/i.test(args[index + 1]?.value ?? ''))) {
      hits.push({ span: command.span, message: 'git config http.sslVerify false disables TLS certificate verification for every later git operation.' });
    }
  }
  if (YUM_LIKE.has(name)) {
    args.forEach((word, index) => {
      const inline = word.value.startsWith('--setopt=') ? word.value.slice('--setopt='.length) : undefined;
      const separate = word.value === '--setopt' ? args[index + 1]?.value : undefined;
      const option = inline ?? separate;
      if (option === undefined || !SSL_VERIFY_OFF.test(option)) return;
      const words = inline !== undefined ? [word] : [word, args[index + 1]];
      const removable = !name.endsWith('config-manager');
      hits.push({ span: word.span, message: `${name} ${option} disables TLS certificate verification for package repositories, so packages can be tampered with in transit.`, edits: removable ? removalEdits(text, words) : undefined });
    });
  }
  // `GIT_SSL_NO_VERIFY=1 git clone …` and `export GIT_SSL_NO_VERIFY=1`.
  for (const word of command.assignments) variableHit(hits, word, command.words.length > 0, text);
  if (name === 'export' || (command.words.length === 0 && command.assignments.length > 0)) for (const word of args) variableHit(hits, word, false, text);
}

/** A `NAME=value` word that switches verification off (`removable`: an assignment before a command, which can go). */
function variableHit(hits: Hit[], word: ShellWord, removable: boolean, text: string): void {
  const eq = word.value.indexOf('=');
  if (eq < 0) return;
  const variable = word.value.slice(0, eq);
  const what = variableRule(variable, word.value.slice(eq + 1));
  if (!what) return;
  hits.push({ span: word.span, message: `${variable} disables TLS certificate verification for ${what}, so downloads can be tampered with in transit.`, edits: removable ? removalEdits(text, [word]) : undefined });
}

/** Removes one ENV/ARG name: the whole instruction when it is the only one. */
function declarationRemoval(text: string, declaration: VariableDeclaration, all: readonly VariableDeclaration[], lines: Parameters<typeof instructionRemovalSpan>[0]): SpanEdit {
  if (declaration.siblings <= 1) return { ...instructionRemovalSpan(lines, declaration.instruction), newText: '' };
  const siblings = all.filter((other) => other.instruction === declaration.instruction);
  const index = siblings.indexOf(declaration);
  // Take the gap before it (from the previous name's end) or, for the first, the gap after it.
  return index > 0 ? { start: siblings[index - 1].span.end, end: declaration.span.end, newText: '' } : { start: declaration.span.start, end: siblings[1].span.start, newText: '' };
}

export default defineRule({
  meta: {
    id: 'dockerfile/tls-verify-disabled',
    kind: 'dockerfile',
    title: 'Do not disable TLS certificate verification',
    stride: 'tampering',
    severity: 'error',
    fix: 'fix',
    description:
      'Switching certificate verification off (`curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, `git -c http.sslVerify=false`, `--setopt=sslverify=0`, or the variables `GIT_SSL_NO_VERIFY`, `PIP_TRUSTED_HOST`, `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `NPM_CONFIG_STRICT_SSL=false`) lets anyone on the network path serve the build, or the running container, whatever they like. As ENV it also stays on in the shipped image.',
    remediation: 'Remove the flag or variable. If a proxy or private registry uses its own CA, add that CA to the image’s trust store (`COPY corp-ca.crt /usr/local/share/ca-certificates/ && update-ca-certificates`) instead.',
    references: [
      { source: 'cis-docker', id: '4.11', version: '1.6.0' },
      { source: 'checkov', id: 'CKV2_DOCKER_2' },
      { source: 'checkov', id: 'CKV2_DOCKER_3' },
      { source: 'checkov', id: 'CKV2_DOCKER_4' },
      { source: 'checkov', id: 'CKV2_DOCKER_5' },
      { source: 'checkov', id: 'CKV2_DOCKER_6' },
      { source: 'checkov', id: 'CKV2_DOCKER_12' },
      { source: 'checkov', id: 'CKV2_DOCKER_13' },
      { source: 'checkov', id: 'CKV2_DOCKER_14' },
      { source: 'checkov', id: 'CKV2_DOCKER_15' },
      { source: 'checkov', id: 'CKV2_DOCKER_16' },
    ],
    examples: {
      invalid: [{ code: 'FROM alpine:3.20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN curl -fsSLk https://example.com/install.sh -o /tmp/install.sh\n' }],
      valid: [{ code: 'FROM alpine:3.20\nCOPY corp-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates && curl -fsSL https://example.com/install.sh -o /tmp/install.sh\n' }],
    },
  },
  check(context) {
    const { model, text, lines } = context;
    for (const declaration of model.variables) {
      const what = variableRule(declaration.name, declaration.value);
      if (!what) continue;
      context.report({
        span: declaration.span,
        message: `${declaration.keyword} ${declaration.name} disables TLS certificate verification for ${what}, so downloads can be tampered with in transit.`,
        fixes: [{ title: `Remove ${declaration.name}`, safe: true, edits: [declarationRemoval(text, declaration, model.variables, lines)] }],
      });
    }
    // One list for the file's commands, emptied before each: nearly every command has no hit.
    const hits: Hit[] = [];
    for (const run of model.runs) {
      for (const command of run.commands) {
        hits.length = 0;
        commandHits(command, text, hits);
        for (const hit of hits) {
          context.report({ span: hit.span, message: hit.message, fixes: hit.edits && run.form === 'shell' ? [{ title: 'Remove the option that disables certificate verification', safe: true, edits: hit.edits }] : [] });
        }
      }
    }
  },
});
