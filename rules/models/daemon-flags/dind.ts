import { Scalar, type Node, type YAMLSeq } from 'yaml';
import { isScalar, isSeq } from '../yaml-nodes';
import type { Span, SpanEdit } from '../../engine/types';
import type { DaemonModel } from '../daemon';
import { nodeSpan } from '../yaml';
import { removeSeqItem, appendSeqItem } from '../yaml-edit';
import { renderScalar, replaceScalar } from '../yaml-scalar';
import { daemonViewOfFlags, type WordEditor } from './daemon-view';
import { parseDockerdFlags } from './dockerd-flags';
import { textWordEditor } from './text-editor';
import { charsOf, splitAtWhitespace, type Word } from './words';

/** The official Docker-in-Docker images: `docker:dind`, `docker:27-dind`, `docker:dind-rootless`, `library/docker:…-dind`. */
const DIND_IMAGE = /(?:^|\/)docker:[^@\s]*dind/i;

/** A container's start-up as written: the image and the command/args lists or strings, in the order they run. */
export interface ContainerStart {
  text: string;
  image?: string;
  /** `entrypoint`/`command` (compose) or `command`/`args` (Kubernetes), each a sequence or a string scalar. */
  parts: Array<Node | undefined>;
  /** Where findings about the container's daemon as a whole sit. */
  anchor: Span;
}

interface Located {
  word: Word;
  seq?: YAMLSeq;
  index: number;
}

/**
 * The dockerd a container runs, when it runs one: a `dockerd` command (any image), or arguments to the dind
 * image's entrypoint, which prepends `dockerd` when the first argument is a flag.
 */
export function dindDaemon(start: ContainerStart): DaemonModel | undefined {
  const located = start.parts.flatMap((part) => wordsOf(start.text, part));
  const words = located.map((entry) => entry.word);
  const first = words[0]?.value ?? '';
  const program = first.slice(first.lastIndexOf('/') + 1);
  let from: number;
  if (program === 'dockerd') from = 1;
  else if (start.image !== undefined && DIND_IMAGE.test(start.image) && (program === 'dockerd-entrypoint.sh' || first.startsWith('-'))) from = program === 'dockerd-entrypoint.sh' ? (words[1]?.value === 'dockerd' ? 2 : 1) : 0;
  else return undefined;
  const { flags } = parseDockerdFlags(words.slice(from));
  if (flags.length === 0) return undefined;
  return daemonViewOfFlags(flags, { anchor: start.anchor, scope: 'container', editor: yamlWordEditor(start.text, located) });
}

/** Words of a YAML list (one per scalar item) or of a plain one-line string (split at whitespace, as compose does). */
function wordsOf(text: string, part: Node | undefined): Located[] {
  if (isSeq(part)) {
    return (part.items as Node[]).flatMap((item, index) => {
      if (!isScalar(item) || item.value === null || typeof item.value === 'object') return [];
      const span = nodeSpan(item);
      const value = String(item.value);
      const plain = item.type === Scalar.PLAIN && span.end - span.start === value.length;
      const offsets = Array.from({ length: value.length + 1 }, (_, i) => (plain ? span.start + i : i === value.length ? span.end : span.start));
      return [{ word: { value, offsets, span, plain }, seq: part, index }];
    });
  }
  if (isScalar(part) && typeof part.value === 'string') {
    const span = nodeSpan(part);
    if (part.type === Scalar.PLAIN && !/[\n\r'"\\]/.test(text.slice(span.start, span.end))) {
      return splitAtWhitespace(charsOf(text, span.start, span.end)).map((word, index) => ({ word, index }));
    }
    // Quoted or multi-line: the words are read, their findings sit on the whole string, no edit is offered.
    return part.value.split(/\s+/).filter((value) => value !== '').map((value, index) => ({ word: { value, offsets: Array.from({ length: value.length + 1 }, () => span.start), span, plain: false }, index }));
  }
  return [];
}

/** Edits list items (replace, remove, append after the last item); a plain string command is edited as text. */
function yamlWordEditor(text: string, located: Located[]): WordEditor | undefined {
  const last = located[located.length - 1];
  if (!last) return undefined;
  if (!last.seq) {
    const editable = located.every((entry) => !entry.seq && entry.word.plain);
    return editable ? textWordEditor(text, last.word.span.end) : undefined;
  }
  const find = (word: Word) => located.find((entry) => entry.word === word);
  const seq = last.seq;
  return {
    replace(word: Word, value: string): SpanEdit | undefined {
      const entry = find(word);
      return entry?.seq ? replaceScalar(entry.seq.items[entry.index] as Node, value) : undefined;
    },
    remove(words: readonly Word[]): SpanEdit | undefined {
      const entries = words.map(find);
      const head = entries[0];
      if (!head?.seq || entries.some((entry) => entry?.seq !== head.seq)) return undefined;
      return removeSeqItem(text, head.seq, head.index, entries.length);
    },
    append(values: readonly string[]): SpanEdit | undefined {
      const like = seq.items[seq.items.length - 1] as Node | undefined;
      const edits = values.map((value) => appendSeqItem(text, seq, renderScalar(value, like)));
      if (edits.some((edit) => !edit)) return undefined;
      return { start: edits[0]!.start, end: edits[0]!.end, newText: edits.map((edit) => edit!.newText).join('') };
    },
  };
}
