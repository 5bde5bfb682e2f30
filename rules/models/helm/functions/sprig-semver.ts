import { GoObject, type GoValue, TemplateError } from '../value';
import { entry, stringArg } from './arguments';
import type { FunctionEntry } from './types';

/**
 * Sprig's semver/semverCompare over Masterminds/semver v3: versions are read loosely (`v1.2`, `1`), constraints
 * support `= != > < >= <= ~ ~> ^`, wildcards `x X *`, hyphen ranges `1.2 - 1.4`, `,`/space for AND and `||` for OR.
 * A version with a pre-release only satisfies a constraint that itself names a pre-release (hence charts'
 * `>=1.21-0`, which admits `1.25.3-gke.1`).
 */

export interface SemVersion {
  major: bigint;
  minor: bigint;
  patch: bigint;
  prerelease: string;
  metadata: string;
  original: string;
}

const versionPattern = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** semver.NewVersion. */
export function parseVersion(text: string): SemVersion | undefined {
  const match = versionPattern.exec(text);
  if (!match) return undefined;
  const prerelease = match[5] ?? '';
  // Numeric pre-release identifiers may not have leading zeros.
  if (prerelease.split('.').some((part) => /^0[0-9]+$/.test(part))) return undefined;
  return {
    major: BigInt(match[1]),
    minor: BigInt((match[2] ?? '.0').slice(1)),
    patch: BigInt((match[3] ?? '.0').slice(1)),
    prerelease,
    metadata: match[8] ?? '',
    original: text,
  };
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (i >= left.length) return -1;
    if (i >= right.length) return 1;
    const leftNumeric = /^[0-9]+$/.test(left[i]);
    const rightNumeric = /^[0-9]+$/.test(right[i]);
    if (leftNumeric && rightNumeric) {
      const difference = BigInt(left[i]) - BigInt(right[i]);
      if (difference !== 0n) return difference < 0n ? -1 : 1;
    } else if (leftNumeric !== rightNumeric) return leftNumeric ? -1 : 1;
    else if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return 0;
}

/** Version.Compare: -1, 0 or 1 (build metadata ignored). */
export function compareVersions(a: SemVersion, b: SemVersion): number {
  for (const part of ['major', 'minor', 'patch'] as const) {
    if (a[part] !== b[part]) return a[part] < b[part] ? -1 : 1;
  }
  return comparePrerelease(a.prerelease, b.prerelease);
}

interface Constraint {
  operator: string;
  version: SemVersion;
  dirty: boolean;
  majorDirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isWildcard = (part: string | undefined) => part === 'x' || part === 'X' || part === '*';

function parseConstraint(text: string): Constraint | undefined {
  const match = /^(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(text);
  if (!match) return undefined;
  const [, operator = '', major, minorPart, patchPart, pre = ''] = match;
  const minor = minorPart?.slice(1);
  const patch = patchPart?.slice(1);
  let majorDirty = false;
  let minorDirty = false;
  let patchDirty = false;
  let versionText: string;
  if (isWildcard(major)) {
    majorDirty = minorDirty = patchDirty = true;
    versionText = '0.0.0' + pre;
  } else if (minor === undefined || isWildcard(minor)) {
    minorDirty = patchDirty = true;
    versionText = `${major}.0.0${pre}`;
  } else if (patch === undefined || isWildcard(patch)) {
    patchDirty = true;
    versionText = `${major}.${minor}.0${pre}`;
  } else versionText = `${major}.${minor}.${patch}${pre}`;
  const version = parseVersion(versionText);
  if (!version) return undefined;
  const normalised = operator === '=>' ? '>=' : operator === '=<' ? '<=' : operator === '~>' ? '~' : operator;
  return { operator: normalised, version, dirty: majorDirty || minorDirty || patchDirty, majorDirty, minorDirty, patchDirty };
}

function check(v: SemVersion, c: Constraint): boolean {
  const con = c.version;
  // A pre-release version is only considered by a constraint that names a pre-release.
  if (v.prerelease !== '' && con.prerelease === '') return false;
  const cmp = compareVersions(v, con);
  switch (c.operator) {
    case '':
    case '=':
      if (!c.dirty) return cmp === 0;
      return tilde(v, c, cmp);
    case '!=':
      if (!c.dirty) return cmp !== 0;
      if (con.major !== v.major) return true;
      if (c.minorDirty) return false;
      if (con.minor !== v.minor) return true;
      return !c.patchDirty && con.patch !== v.patch;
    case '>':
      if (!c.dirty) return cmp > 0;
      if (v.major !== con.major) return v.major > con.major;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '>=':
      return cmp >= 0;
    case '<=':
      if (!c.dirty) return cmp <= 0;
      if (v.major > con.major) return false;
      return !(v.major === con.major && v.minor > con.minor && !c.minorDirty);
    case '~':
      return tilde(v, c, cmp);
    case '^':
      if (cmp < 0) return false;
      if (con.major > 0n || c.minorDirty) return v.major === con.major;
      if (con.minor > 0n || c.patchDirty) return v.major === 0n && v.minor === con.minor;
      return v.major === 0n && v.minor === 0n && v.patch === con.patch;
  }
  return false;
}

function tilde(v: SemVersion, c: Constraint, cmp: number): boolean {
  if (cmp < 0) return false;
  const con = c.version;
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.majorDirty && !c.minorDirty && !c.patchDirty) return true;
  if (c.majorDirty) return true;
  if (v.major !== con.major) return false;
  return !(v.minor !== con.minor && !c.minorDirty);
}

/** semver.NewConstraint: OR groups of AND-ed constraints; undefined when it cannot be read. */
export function parseConstraints(text: string): Constraint[][] | undefined {
  const groups: Constraint[][] = [];
  for (const alternative of text.split('||')) {
    const normalised = alternative
      .trim()
      .replace(/\s+-\s+/g, ' - ')
      .replace(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+/g, '$1');
    const parts = normalised.split(/[\s,]+/).filter(Boolean);
    if (parts.length === 0) return undefined;
    const group: Constraint[] = [];
    for (let i = 0; i < parts.length; i++) {
      if (parts[i + 1] === '-' && parts[i + 2] !== undefined) {
        const low = parseConstraint('>=' + parts[i]);
        const high = parseConstraint('<=' + parts[i + 2]);
        if (!low || !high) return undefined;
        group.push(low, high);
        i += 2;
        continue;
      }
      const constraint = parseConstraint(parts[i]);
      if (!constraint) return undefined;
      group.push(constraint);
    }
    groups.push(group);
  }
  return groups;
}

export function satisfies(version: SemVersion, constraints: Constraint[][]): boolean {
  return constraints.some((group) => group.every((constraint) => check(version, constraint)));
}

/** The *semver.Version object a template sees: `.Major`, `.Prerelease`, `.Compare`, `.LessThan`… */
const parsedOf = new WeakMap<GoObject, SemVersion>();

function versionObject(version: SemVersion): GoObject {
  const other = (args: GoValue[]): SemVersion => {
    const parsed = args[0] instanceof GoObject ? parsedOf.get(args[0]) : undefined;
    if (!parsed) throw new TemplateError('wrong type for value; expected *semver.Version');
    return parsed;
  };
  const text = `${version.major}.${version.minor}.${version.patch}${version.prerelease ? '-' + version.prerelease : ''}${version.metadata ? '+' + version.metadata : ''}`;
  const object = new GoObject(
    '*semver.Version',
    new Map(),
    new Map<string, (args: GoValue[]) => GoValue>([
      ['Major', () => version.major],
      ['Minor', () => version.minor],
      ['Patch', () => version.patch],
      ['Prerelease', () => version.prerelease],
      ['Metadata', () => version.metadata],
      ['Original', () => version.original],
      ['String', () => text],
      ['Compare', (args) => BigInt(compareVersions(version, other(args)))],
      ['LessThan', (args) => compareVersions(version, other(args)) < 0],
      ['GreaterThan', (args) => compareVersions(version, other(args)) > 0],
      ['Equal', (args) => compareVersions(version, other(args)) === 0],
    ]),
  );
  parsedOf.set(object, version);
  return object;
}

export const semverFunctions: Record<string, FunctionEntry> = {
  semver: entry((args) => {
    const version = parseVersion(stringArg(args, 0));
    if (!version) throw new TemplateError('Invalid Semantic Version');
    return versionObject(version);
  }, [1, 1]),
  semverCompare: entry((args) => {
    const constraints = parseConstraints(stringArg(args, 0));
    if (!constraints) throw new TemplateError(`improper constraint: ${stringArg(args, 0)}`);
    const version = parseVersion(stringArg(args, 1));
    if (!version) throw new TemplateError('Invalid Semantic Version');
    return satisfies(version, constraints);
  }, [2, 2]),
};
