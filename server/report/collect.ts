import { resolve } from 'node:path';
import type { SeveritySetting, StridelintConfig } from '../../rules/engine';
import { ConfigResolver } from '../shared/config-loader';
import { readText } from '../shared/read-text';
import type { RunResult } from '../cli/report-model';
import { displayPath } from '../cli/walk';
import { fileAssets } from './assets';
import { describeConfiguration } from './configuration';
import type { ReportInput } from './model';

/**
 * The CLI's side of the report: a lint run plus what only the file system knows (each file's text, for its
 * assets; the configuration files in force). Reads each analysed file once more; never throws on one that
 * has gone or changed meanwhile (its findings then belong to the file itself).
 */
export function collectReportInput(run: RunResult, options: { paths: string[]; config?: string; ruleOverrides: Record<string, SeveritySetting> }, cwd: string): ReportInput {
  const resolver = new ConfigResolver(options.config ? resolve(cwd, options.config) : undefined);
  const configs: StridelintConfig[] = [];
  // Related locations (a chain's other files) arrive as the run shows them (relative to cwd), like file paths.
  const files = run.files.map((file) => {
    const absolute = resolve(cwd, file.path);
    const config = resolver.forFile(absolute);
    configs.push(config);
    if (file.skipped) return { ...file };
    let text: string | undefined;
    try {
      const read = readText(absolute, config.maxFileSize);
      text = 'text' in read ? read.text : undefined;
    } catch {
      text = undefined;
    }
    return { ...file, assets: text === undefined ? [] : fileAssets(text, file.path, file.kind) };
  });
  return { files, walkProblems: run.walkProblems, configuration: describeConfiguration(configs, options.ruleOverrides, (source) => displayPath(source, cwd)), scope: options.paths };
}
