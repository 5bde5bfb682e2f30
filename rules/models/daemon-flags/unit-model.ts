import type { DaemonModel } from '../daemon';
import type { ParseInput, ParseOutcome } from '../problems';
import { daemonViewOfFlags } from './daemon-view';
import { parseDockerdFlags, recogniseCommand } from './dockerd-flags';
import { parseUnit, type SystemdUnit, type UnitCommand } from './systemd-unit';
import { textWordEditor } from './text-editor';
import type { Word } from './words';

/** A kubelet started by a unit or environment file: its arguments after the program word. */
export interface KubeletCommand {
  executable: Word;
  arguments: Word[];
  /** Only part of the command line is here (variables defined elsewhere, or an environment file's extra args). */
  partial: boolean;
  /** Where flags are added: the end of the command line; undefined when text cannot be appended there. */
  appendAt?: number;
}

/** A systemd unit or drop-in that starts dockerd or the kubelet, with the daemon settings its flags make. */
export interface SystemdModel {
  unit: SystemdUnit;
  /** One daemon view per `ExecStart=` that runs dockerd (the daemon rules read it like a daemon.json). */
  daemons: DaemonModel[];
  kubelets: KubeletCommand[];
}

export function parseSystemd(input: ParseInput): ParseOutcome<SystemdModel> {
  const unit = parseUnit(input.text);
  const daemons: DaemonModel[] = [];
  const kubelets: KubeletCommand[] = [];
  for (const command of unit.commands) {
    const recognised = recogniseCommand(command.words);
    if (!recognised) continue;
    const args = command.words.slice(recognised.argumentsFrom);
    if (recognised.program === 'kubelet') {
      kubelets.push({ executable: recognised.executable, arguments: args, partial: command.unresolved.length > 0, appendAt: command.directive.value.end });
      continue;
    }
    daemons.push(daemonOfCommand(input.text, command, args, recognised.executable));
  }
  return { model: { unit, daemons, kubelets }, problems: [] };
}

/** Flags dockerd does not know are left out (Red Hat's dockerd-current has its own): only known ones are judged. */
function daemonOfCommand(text: string, command: UnitCommand, args: Word[], executable: Word): DaemonModel {
  const { flags } = parseDockerdFlags(args);
  return daemonViewOfFlags(flags, { anchor: executable.span, scope: 'host', editor: textWordEditor(text, command.directive.value.end) });
}
