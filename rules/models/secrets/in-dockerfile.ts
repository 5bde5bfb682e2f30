import type { Span } from '../../engine/types';
import type { LineIndex } from '../../engine/line-index';
import { instructionProperties, type DockerfileModel } from '../dockerfile';
import { commandName, effectiveCommand } from '../shell';
import { secretsInCommand } from './command-line';
import { classifyValue, judgeSecret, secretNameClass, type SecretSighting } from './index';

/** An ARG or ENV whose name says secret but whose value comes from outside (`ARG NPM_TOKEN`, `ENV T=${T}`). */
export interface SecretChannel {
  span: Span;
  keyword: 'ARG' | 'ENV';
  name: string;
}

const PROPERTY_INSTRUCTIONS = new Set(['ENV', 'ARG', 'LABEL']);

/**
 * Every place a Dockerfile writes a secret: ENV/ARG defaults and LABEL values (before the first FROM too),
 * and RUN shell words (options, `curl -u`, `docker login -p`, URLs, `NAME=value`, `echo … | chpasswd`).
 */
export function dockerfileSecrets(model: DockerfileModel, lines: LineIndex): DockerfileSecrets {
  let found = secretsOf.get(model);
  if (!found) secretsOf.set(model, (found = findSecrets(model, lines)));
  return found;
}

export interface DockerfileSecrets {
  sightings: SecretSighting[];
  channels: SecretChannel[];
}

/** Two rules read a Dockerfile's secrets (leaked and weak ones): found once per parsed model. */
const secretsOf = new WeakMap<DockerfileModel, DockerfileSecrets>();

function findSecrets(model: DockerfileModel, lines: LineIndex): DockerfileSecrets {
  const sightings: SecretSighting[] = [];
  const channels: SecretChannel[] = [];
  for (const instruction of model.ast.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (!PROPERTY_INSTRUCTIONS.has(keyword)) continue;
    for (const property of instructionProperties(instruction, lines, keyword === 'LABEL' ? /\S/ : undefined)) {
      const verdict = property.value === undefined ? undefined : judgeSecret(property.name, property.value);
      if (verdict) {
        sightings.push({ span: property.valueSpan ?? property.span, verdict, subject: `${keyword} ${property.name}` });
        continue;
      }
      const passedIn = property.value === undefined || classifyValue(property.value).class === 'reference';
      if (keyword !== 'LABEL' && passedIn && secretNameClass(property.name)) channels.push({ span: property.nameSpan, keyword: keyword as 'ARG' | 'ENV', name: property.name });
    }
  }
  for (const run of model.runs) {
    run.commands.forEach((command, index) => {
      for (const assignment of command.assignments) {
        const at = assignment.value.indexOf('=');
        const verdict = judgeSecret(assignment.value.slice(0, at), assignment.value.slice(at + 1));
        if (verdict) sightings.push({ span: assignment.span, verdict, subject: `RUN ${assignment.value.slice(0, at)}=` });
      }
      const { name, args } = effectiveCommand(command);
      for (const found of secretsInCommand(name, args)) sightings.push({ span: found.word.span, verdict: found.verdict, subject: `RUN ${name} ${found.what}`.replace(`${name} ${name}`, name) });
      const stdinPasswd = name === 'passwd' && command.words.some((word) => word.value === '--stdin');
      if ((name !== 'chpasswd' && !stdinPasswd) || command.before !== '|') return;
      const source = run.commands[index - 1];
      const sourceName = commandName(source?.words[0]);
      if (sourceName !== 'echo' && sourceName !== 'printf') return;
      for (const word of source.words.slice(1)) {
        if (word.value.startsWith('-')) continue;
        const secret = word.value.includes(':') ? word.value.slice(word.value.indexOf(':') + 1) : word.value;
        const verdict = judgeSecret('password', secret);
        if (verdict && !sightings.some((sighting) => sighting.span.start === word.span.start)) sightings.push({ span: word.span, verdict, subject: `RUN ${name}` });
      }
    });
  }
  return { sightings, channels };
}
