import { Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { FlagSource } from '../control-plane';
import { seqFlags } from '../control-plane';
import type { KubernetesModel } from '../kubernetes';
import type { WordEditor } from './daemon-view';
import type { KubeletCommand } from './unit-model';

/**
 * A kubelet command line (a unit's `ExecStart=`, `KUBELET_EXTRA_ARGS`) as the control-plane model's flag
 * source, so the kubelet rules judge it as they judge a static pod's args. Each word stands in a scalar
 * whose range is the word's characters: the flag parser reads the values, the fixes edit those ranges.
 * Removing a flag is not offered (words of one command line may sit on different lines).
 */
export function kubeletModelOf(command: KubeletCommand, editor: WordEditor): KubernetesModel {
  const seq = new YAMLSeq();
  for (const word of command.arguments) {
    const scalar = new Scalar(word.value);
    scalar.type = word.plain ? Scalar.PLAIN : Scalar.QUOTE_DOUBLE;
    scalar.range = [word.span.start, word.span.end, word.span.end];
    seq.items.push(scalar);
  }
  const flags = seqFlags(seq, 0).map((flag) => ({ ...flag, container: new YAMLMap() }));
  const source: FlagSource = {
    component: 'kubelet',
    origin: 'command-line',
    flags,
    anchor: command.executable.span,
    // Settings may come from a --config file or from variables this file does not define: an absent flag says nothing then.
    hasConfigFile: command.partial || flags.some((flag) => flag.name === 'config'),
    add: (name, value) => editor.append([`--${name}=${value}`]),
  };
  return { documents: [], manifests: [], podSpecs: [], commandLines: [source] };
}
