import type { LineIndex } from '../../engine/line-index';
import type { DockerfileFacts, StageFacts } from '../../facts/file-facts';
import { effectiveHealthcheck, effectiveUser, instructionSpan, type DockerfileModel, type DockerfileStage } from '../dockerfile';

/** Each stage's effective USER and HEALTHCHECK (inherited through `FROM <stage>`) and its EXPOSEd ports. */
export function dockerfileFacts(model: DockerfileModel, lines: LineIndex): DockerfileFacts {
  return { kind: 'dockerfile', stages: model.stages.map((stage) => stageFacts(stage, lines)) };
}

function stageFacts(stage: DockerfileStage, lines: LineIndex): StageFacts {
  const user = effectiveUser(stage);
  const healthcheck = effectiveHealthcheck(stage);
  const exposedPorts = stage.instructions.filter((instruction) => instruction.getKeyword() === 'EXPOSE').flatMap((instruction) => instruction.getArguments().map((arg) => arg.getValue()));
  return {
    ...(stage.alias ? { alias: stage.alias } : {}),
    user: user.source === 'set' ? { source: 'set', ...(user.setting.user !== undefined ? { value: user.setting.user } : {}), range: lines.rangeOf(user.setting.span) } : { source: user.source },
    ...(healthcheck ? { healthcheck: { none: /^\s*NONE\b/i.test(healthcheck.getArgumentsContent() ?? ''), range: lines.rangeOf(instructionSpan(lines, healthcheck)) } } : {}),
    exposedPorts,
    fromRange: lines.rangeOf(instructionSpan(lines, stage.from)),
  };
}
