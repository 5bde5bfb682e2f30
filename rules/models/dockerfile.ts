import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';
import type { ParseInput, ParseOutcome } from './problems';

/** One build stage: a `FROM` and the instructions up to the next one. */
export interface DockerfileStage {
  index: number;
  from: Instruction;
  /** `AS name`, lower-cased, if any. */
  alias?: string;
  instructions: Instruction[];
}

/** The Dockerfile model: the dockerfile-ast tree plus the stage structure rules reason about. */
export interface DockerfileModel {
  ast: Dockerfile;
  /** Instructions before the first `FROM` (global ARGs, parser directives). */
  preamble: Instruction[];
  stages: DockerfileStage[];
  /** The stage that ships: the last one. */
  finalStage?: DockerfileStage;
}

export function parseDockerfile(input: ParseInput): ParseOutcome<DockerfileModel> {
  const ast = DockerfileParser.parse(input.text);
  const preamble: Instruction[] = [];
  const stages: DockerfileStage[] = [];
  for (const instruction of ast.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const args = instruction.getArguments();
      const asIndex = args.findIndex((arg) => arg.getValue().toLowerCase() === 'as');
      const alias = asIndex >= 0 ? args[asIndex + 1]?.getValue().toLowerCase() : undefined;
      stages.push({ index: stages.length, from: instruction, alias, instructions: [] });
    } else if (stages.length === 0) {
      preamble.push(instruction);
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { model: { ast, preamble, stages, finalStage: stages[stages.length - 1] }, problems: [] };
}
