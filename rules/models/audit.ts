import type { Span } from '../engine/types';
import type { ParseInput, ParseOutcome } from './problems';

/** One line of an audit rules file (auditctl syntax), with the paths it watches. */
export interface AuditRule {
  span: Span;
  /** `-w /path` watches and `-F path=` / `-F dir=` fields of syscall rules. */
  paths: string[];
  /** `-e 2`: the configuration is locked; rules after it are rejected until reboot. */
  locks: boolean;
}

/** An `audit.rules` or `rules.d/*.rules` file. */
export interface AuditModel {
  rules: AuditRule[];
  eol: string;
}

export function parseAudit(input: ParseInput): ParseOutcome<AuditModel> {
  const { text } = input;
  const rules: AuditRule[] = [];
  for (const match of text.matchAll(/^[ \t]*(-[^\r\n]*?)[ \t]*$/gm)) {
    const start = match.index + match[0].indexOf(match[1]);
    const words = match[1].split(/[ \t]+/);
    const paths: string[] = [];
    for (let index = 0; index < words.length; index++) {
      if (words[index] === '-w' && words[index + 1]) paths.push(words[index + 1]);
      if (words[index] === '-F') {
        const field = /^(?:path|dir)=(.+)$/.exec(words[index + 1] ?? '');
        if (field) paths.push(field[1]);
      }
    }
    rules.push({ span: { start, end: start + match[1].length }, paths, locks: /^-e$/.test(words[0]) && words[1] === '2' });
  }
  return { model: { rules, eol: text.includes('\r\n') ? '\r\n' : '\n' }, problems: [] };
}

/** Every path the file watches. */
export function watchedPaths(model: AuditModel): string[] {
  return model.rules.flatMap((rule) => rule.paths);
}
