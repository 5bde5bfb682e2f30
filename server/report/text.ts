import type { FileKind } from '../../rules/engine';
import type { RuleChange } from './model';

/** Words both renderers share, so the HTML and the Markdown report say the same thing. */
export const REPORT_TITLE = 'STRIDE threat model';

export const KIND_LABELS: Record<FileKind, string> = {
  dockerfile: 'Dockerfiles',
  compose: 'Compose files',
  daemon: 'Docker daemon.json',
  kubernetes: 'Kubernetes manifests',
  systemd: 'systemd units (dockerd, kubelet)',
  'env-file': 'Daemon environment files',
  audit: 'Audit rules',
  dotenv: '.env files',
  'docker-config': 'Docker client config.json',
};

export function ruleChangeText(change: RuleChange): string {
  return change.defaultSeverity ? `${change.setting} (default ${change.defaultSeverity})` : change.setting;
}

/** Escapes text for HTML (and inline SVG) element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
