import type { WorkspaceFacts } from '../facts/workspace-facts';
import type { Range } from './position';

export type { Position, Range } from './position';

/**
 * The plain-data vocabulary of stridelint: what a rule declares, what a rule reports, and what the
 * engine hands to its adapters (CLI, language server, report). Nothing here knows LSP or the file system.
 */

/** STRIDE threat categories, in the order the seed threat model lists them. */
export const STRIDE_CATEGORIES = [
  'spoofing',
  'tampering',
  'repudiation',
  'information-disclosure',
  'denial-of-service',
  'elevation-of-privilege',
] as const;
export type Stride = (typeof STRIDE_CATEGORIES)[number];

export const STRIDE_LABELS: Record<Stride, string> = {
  spoofing: 'Spoofing',
  tampering: 'Tampering',
  repudiation: 'Repudiation',
  'information-disclosure': 'Information disclosure',
  'denial-of-service': 'Denial of service',
  'elevation-of-privilege': 'Elevation of privilege',
};

/** One line per category: what the threat means for containers (hover, docs, report). */
export const STRIDE_EXPLANATIONS: Record<Stride, string> = {
  spoofing: 'An attacker can pretend to be another component: forged network traffic, an unauthenticated API client or a fake node.',
  tampering: 'Code or data can be changed on its way in or at rest: unverified images and downloads, writable file systems, unprotected stores.',
  repudiation: 'Actions cannot be traced afterwards: missing or lossy logs and audit trails.',
  'information-disclosure': 'Secrets or data reach someone who should not see them: credentials in images or manifests, open ports, shared namespaces.',
  'denial-of-service': 'One workload can starve the host or its neighbours: no memory, CPU or process limits, no health checks.',
  'elevation-of-privilege': 'A container or user can gain more rights than intended, up to root on the host: privileged mode, root users, host mounts.',
};

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** A configured severity: a real severity, or `off`. */
export type SeveritySetting = Severity | 'off';

/**
 * `systemd`: units and drop-ins that start dockerd or the kubelet; `env-file`: /etc/default and /etc/sysconfig
 * files for them; `audit`: Linux audit rules (`audit.rules`, `rules.d/*.rules`); `dotenv`: the `.env` files
 * compose reads; `docker-config`: the Docker client's config.json (registry logins).
 */
export const FILE_KINDS = ['dockerfile', 'compose', 'daemon', 'kubernetes', 'systemd', 'env-file', 'audit', 'dotenv', 'docker-config'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Offsets into the linted text (after a leading BOM is removed). */
export interface Span {
  start: number;
  end: number;
}

/** Standards and peer tools a rule can be cross-referenced with. */
export type ReferenceSource =
  | 'cis-docker'
  | 'cis-kubernetes'
  | 'pss'
  | 'hadolint'
  | 'checkov'
  | 'kics'
  | 'trivy'
  | 'kube-linter'
  | 'polaris'
  | 'kube-bench'
  | 'buildkit'
  | 'docs';

export interface Reference {
  source: ReferenceSource;
  /** The id in that source: `5.5`, `DL3002`, `CKV_DOCKER_3`, `privileged` … */
  id: string;
  /** Benchmark version; required for CIS references because CIS numbering moves between versions. */
  version?: string;
  /** Free text, e.g. a KICS query name or "restricted" for PSS. */
  note?: string;
  url?: string;
}

/** `fix`: a safe minimal edit; `suggest`: changes runtime behaviour, never in fix-all; `none`: explain only. */
export type FixKind = 'fix' | 'suggest' | 'none';

export interface RuleExample {
  /** File name used to detect the kind (defaults to the kind's usual name). */
  path?: string;
  code: string;
  /** What the rest of the workspace holds, for rules that compare files (shown on the docs page). */
  workspace?: WorkspaceFacts;
  /** Other files of the workspace (path → text), for rules that relate files; their facts form the index. */
  files?: Record<string, string>;
}

export interface RuleMeta {
  /** Stable, scoped, kebab-case: `<kind>/<name>`. */
  id: string;
  /** `any` for the engine's own findings (`stridelint/…`). */
  kind: FileKind | 'any';
  title: string;
  stride: Stride;
  severity: Severity;
  fix: FixKind;
  /** What is wrong and why it is a threat (hover, docs). */
  description: string;
  /** How to fix it (hover, docs, report). */
  remediation: string;
  references: Reference[];
  /** Rules that only make sense once configured (e.g. a registry allow-list) start disabled. */
  enabledByDefault?: boolean;
  /** Examples for the docs page; a test checks that `invalid` trips the rule and `valid` does not. */
  examples: { invalid: RuleExample[]; valid: RuleExample[] };
  /** Ids are never reused: a retired rule names its successor. */
  replacedBy?: string;
}

/** An edit against the linted text, by offsets. */
export interface SpanEdit {
  start: number;
  end: number;
  newText: string;
}

/** A file a fix creates next to the linted file (e.g. a Secret manifest), path relative to its folder. */
export interface NewFile {
  path: string;
  text: string;
}

export interface FixSpec {
  /** Imperative, no period: "Add `cap_drop: [ALL]`". */
  title: string;
  /** Safe fixes join fix-all and `--fix`; unsafe ones change runtime behaviour and are offered only. */
  safe: boolean;
  edits: SpanEdit[];
  newFiles?: NewFile[];
}

/** What a rule reports through `context.report`. */
export interface ReportDescriptor {
  span: Span;
  message: string;
  /** Escalate or de-escalate one finding (e.g. a literal secret value ⇒ error); config still wins. */
  severity?: Severity;
  /**
   * The fixes, or a function that builds them: called when the finding's fixes are first read (a code action,
   * `--fix`, a report), not on every lint (`LintOptions.fixes`). It runs after the rule's check returned, against
   * the same text and model; when it throws, the finding has no fix.
   */
  fixes?: FixSpec[] | (() => FixSpec[]);
  /** Extra structured facts for adapters (e.g. the asset name for the report). */
  data?: Record<string, string | number | boolean>;
  /** Places in other files that explain the finding (the Dockerfile line a compose service inherits). */
  related?: RelatedLocation[];
}

export interface TextEdit {
  range: Range;
  newText: string;
  /**
   * The file the edit applies to, when it is not the file of the finding (a Helm chart's finding on a
   * template fixed in values.yaml). Absent: the finding's own file.
   */
  path?: string;
}

/** Another place that explains a finding (a Helm values line, the helper that wrote the text). */
export interface RelatedLocation {
  /** The adapter's path of that file (absolute, `/`-separated, as in the source set). */
  path: string;
  range: Range;
  message: string;
}

export interface Fix {
  title: string;
  safe: boolean;
  edits: TextEdit[];
  newFiles?: NewFile[];
}

/** The engine's output: plain data, the same for every adapter. */
export interface Finding {
  ruleId: string;
  kind: FileKind | 'any';
  stride: Stride;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  data?: Record<string, string | number | boolean>;
  /** Other places of the chain that produced the finding (LSP relatedInformation, SARIF relatedLocations). */
  related?: RelatedLocation[];
  /** Survives unrelated edits (see fingerprint.ts); set by adapters that need it (baseline, SARIF). */
  fingerprint?: string;
  /** Set when a suppression comment or annotation silenced this finding; it is still reported as suppressed. */
  suppression?: FindingSuppression;
}

/** What silenced a finding: another tool's pragma honoured through the rule's `references`. */
export interface FindingSuppression {
  kind: 'inSource';
  /** The tool whose pragma it is: `hadolint`, `checkov`, `kics`, `trivy`, `kube-linter`, `polaris`. */
  tool: string;
  /** The pragma as written (a comment or an annotation). */
  pragma: string;
  /** Zero-based line of the pragma. */
  line: number;
}
