import { STRIDE_LABELS, type Severity } from '../../rules/engine';
import { archiveLocation } from '../shared/archive-location';
import type { Out, RunWriter } from './report-model';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** Workflow-command data: `%`, CR and LF are escaped (GitHub's toolkit does the same). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape `:` and `,`, which separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`): each finding becomes an
 * annotation on the pull request's diff. Lines and columns are 1-based. Written as files finish.
 */
export function githubWriter(out: Out): RunWriter {
  let files = 0;
  let total = 0;
  return {
    problem(problem) {
      out(`::warning file=${escapeProperty(problem.path)},title=${escapeProperty('stridelint: not read')}::${escapeData(problem.message)}\n`);
    },
    file(file) {
      files++;
      total += file.findings.length;
      for (const finding of file.findings) {
        const { start, end } = finding.range;
        const archive = archiveLocation(file.path, finding.range);
        if (archive) {
          // GitHub can annotate the archive file only: the entry and line go into the message.
          const title = `title=${escapeProperty(`${finding.ruleId} (${STRIDE_LABELS[finding.stride]})`)}`;
          out(`::${COMMAND[finding.severity]} file=${escapeProperty(archive.archive)},${title}::${escapeData(`${finding.message} (${archive.note})`)}\n`);
          continue;
        }
        const properties = [
          `file=${escapeProperty(file.path)}`,
          `line=${start.line + 1}`,
          `endLine=${end.line + 1}`,
          `col=${start.character + 1}`,
          ...(start.line === end.line ? [`endColumn=${end.character + 1}`] : []),
          `title=${escapeProperty(`${finding.ruleId} (${STRIDE_LABELS[finding.stride]})`)}`,
        ];
        out(`::${COMMAND[finding.severity]} ${properties.join(',')}::${escapeData(finding.message)}\n`);
      }
    },
    end() {
      out(`stridelint: ${total} finding${total === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} checked.\n`);
    },
  };
}
