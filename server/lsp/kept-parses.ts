import type { FileKind } from '../../rules/engine';
import { parseModel, type ParseFile } from '../../rules/engine/parse-model';
import type { ParseOutcome } from '../../rules/models/problems';

/** Text of the parses one thread keeps at most (their models take ≈ 4× this): past it, a lint parses again. */
const MAX_KEPT_CHARS = 32 * 1024 * 1024;

/**
 * A scan worker's parses from the facts phase, kept for the same file's lint in the second phase, so a
 * Kubernetes or compose file is parsed once instead of twice. The lint takes its file's parse only when the
 * kind and the text are the same (the file did not change between the phases); a parse is given out once.
 * Dockerfiles are not kept: the facts phase lints them in the same parse already.
 */
export class KeptParses {
  private readonly kept = new Map<string, { kind: FileKind; text: string; outcome: ParseOutcome<unknown> }>();
  private keptChars = 0;

  /** The facts phase's parser: parses, and keeps the parse while there is room. */
  readonly keep: ParseFile = (kind, text, path) => {
    const outcome = parseModel(kind, text, path);
    if (kind !== 'dockerfile' && this.keptChars + text.length <= MAX_KEPT_CHARS) {
      this.drop(path);
      this.kept.set(path, { kind, text, outcome });
      this.keptChars += text.length;
    }
    return outcome;
  };

  /** The lint's parser: the kept parse of this very text, else a new parse. */
  readonly take: ParseFile = (kind, text, path) => {
    const entry = this.kept.get(path);
    this.drop(path);
    return entry && entry.kind === kind && entry.text === text ? entry.outcome : parseModel(kind, text, path);
  };

  get size(): number {
    return this.kept.size;
  }

  private drop(path: string): void {
    const entry = this.kept.get(path);
    if (!entry) return;
    this.kept.delete(path);
    this.keptChars -= entry.text.length;
  }
}
