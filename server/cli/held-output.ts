import type { LintResult, Severity } from '../../rules/engine';
import { worstSeverity, type FileEncoding } from './cached-output';
import { jsonWriter } from './format-json';
import type { FileResult } from './report-model';
import { counted } from './spool';
import { forDisplay } from './unit-results';
import { displayPath } from './walk';

/**
 * What a thread of the CLI's one parse needs to write a file's output as the run's format writes it (plain data:
 * it goes to the lint workers): the format's encoding (FileEncoding.name) and the working folder paths are shown
 * relative to.
 */
export interface OutputSpec {
  encoding: string;
  cwd: string;
}

/** A file's output, encoded by the thread that linted it, with the worst severity of its findings (the exit code's). */
export interface HeldOutput {
  encoded: Buffer;
  worst: Severity | null;
}

/** The encodings a lint thread can write: those of the formats with one (JSON). */
export function encodingNamed(name: string): FileEncoding | undefined {
  const json = jsonWriter(() => undefined).encoding;
  return json?.name === name ? json : undefined;
}

const WORST_CODE = { error: 'e', warning: 'w', info: 'i' } as const;
const NO_FINDING = '-';
const CODE_WORST: Record<string, Severity | null> = { e: 'error', w: 'warning', i: 'info', [NO_FINDING]: null };

/**
 * Encodes a file's lint as the CLI's output loop would hand it to the writer (its path and related places shown
 * relative to the working folder), in a lint thread, so that the CLI's thread only copies it into the output
 * when the run ends (issue 17: the output was the run's serial tail). Undefined for a file of no kind (nothing
 * is written for it). The text starts with a letter for the worst severity; JSON results held beside these
 * start with `{`.
 */
export function outputEncoder(spec: OutputSpec): ((file: string, result: LintResult) => string | undefined) | undefined {
  const encoding = encodingNamed(spec.encoding);
  if (!encoding) return undefined;
  return (file, result) => {
    if (!result.kind) return undefined;
    const findings = result.findings.map((finding) => forDisplay(finding, spec.cwd));
    const shown: FileResult = {
      path: displayPath(file, spec.cwd),
      kind: result.kind,
      findings,
      ...(result.suppressed ? { suppressed: result.suppressed.map((finding) => forDisplay(finding, spec.cwd)) } : {}),
      ...(result.skipped ? { skipped: result.skipped } : {}),
    };
    const worst = worstSeverity(findings);
    return `${worst ? WORST_CODE[worst] : NO_FINDING}${encoding.encode(shown)}`;
  };
}

/** A held text (UTF-8) as `outputEncoder` wrote it; undefined for a JSON result. */
export function heldOutput(bytes: Buffer): HeldOutput | undefined {
  const worst = CODE_WORST[String.fromCharCode(bytes[0])];
  return worst === undefined ? undefined : { encoded: bytes.subarray(1), worst };
}

/**
 * The parts `encoding.decode` gives, as bytes the writer's spool counts toward the memory it keeps before moving
 * it to a file (as it counts text; bytes output --cache holds anyway are not counted), so a long run's memory
 * stays flat without decoding the parts to text and encoding them again.
 */
export function decodedAsCounted(decoded: unknown): unknown {
  return Array.isArray(decoded) ? decoded.map((part) => (Buffer.isBuffer(part) ? counted(part) : part)) : decoded;
}
