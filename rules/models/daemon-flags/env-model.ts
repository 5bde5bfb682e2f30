import { baseName } from '../../engine/detect-kind';
import type { DaemonModel } from '../daemon';
import type { ParseInput, ParseOutcome } from '../problems';
import { daemonViewOfFlags } from './daemon-view';
import { parseDockerdFlags } from './dockerd-flags';
import { parseShellAssignments, type ShellAssignment } from './shell-env';
import { textWordEditor } from './text-editor';
import type { KubeletCommand } from './unit-model';
import { splitAtWhitespace, type Word } from './words';

/** Variables the distributions' dockerd units and init scripts pass to dockerd unquoted (`dockerd $DOCKER_OPTS`). */
const DOCKERD_VARIABLES = /^(?:DOCKER_OPTS|DOCKER_OPTIONS|DOCKER_NETWORK_OPTIONS|DOCKER_STORAGE_OPTIONS|INSECURE_REGISTRY|OTHER_ARGS)$/;
/** `OPTIONS` is Red Hat's /etc/sysconfig/docker name; it counts only in a file named after docker. */
const GENERIC_VARIABLES = /^(?:OPTIONS)$/;
const KUBELET_VARIABLES = /^(?:KUBELET_EXTRA_ARGS|KUBELET_ARGS|KUBELET_OPTS|KUBELET_KUBEADM_ARGS)$/;

/** An /etc/default or /etc/sysconfig file for docker or the kubelet. */
export interface EnvFileModel {
  assignments: ShellAssignment[];
  daemons: DaemonModel[];
  kubelets: KubeletCommand[];
}

export function parseEnvFile(input: ParseInput): ParseOutcome<EnvFileModel> {
  const assignments = parseShellAssignments(input.text);
  const dockerFile = /docker/i.test(baseName(input.path));
  const last = new Map<string, ShellAssignment>();
  for (const assignment of assignments) last.set(assignment.name, assignment);
  const effective = [...last.values()].sort((a, b) => a.span.start - b.span.start);
  const dockerd = effective.filter((assignment) => DOCKERD_VARIABLES.test(assignment.name) || (dockerFile && GENERIC_VARIABLES.test(assignment.name)));
  const kubelet = effective.filter((assignment) => KUBELET_VARIABLES.test(assignment.name));
  const daemons: DaemonModel[] = [];
  if (dockerd.length > 0) {
    const words = dockerd.flatMap((assignment) => splitAtWhitespace(assignment.value));
    const { flags } = parseDockerdFlags(words);
    const appendAt = dockerd[dockerd.length - 1].appendAt;
    daemons.push(daemonViewOfFlags(flags, { anchor: dockerd[0].nameSpan, scope: 'host', editor: textWordEditor(input.text, appendAt) }));
  }
  const kubelets: KubeletCommand[] = kubelet.length > 0 ? [{ executable: nameWord(kubelet[0]), arguments: kubelet.flatMap((assignment) => splitAtWhitespace(assignment.value)), partial: true, appendAt: kubelet[kubelet.length - 1].appendAt }] : [];
  return { model: { assignments, daemons, kubelets }, problems: [] };
}

function nameWord(assignment: ShellAssignment): Word {
  const offsets = Array.from({ length: assignment.name.length + 1 }, (_, index) => assignment.nameSpan.start + index);
  return { value: assignment.name, offsets, span: assignment.nameSpan, plain: true };
}
