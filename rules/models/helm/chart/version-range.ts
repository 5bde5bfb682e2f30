/**
 * Masterminds/semver constraints as Helm checks a dependency's `version` range and Chart.yaml `kubeVersion`:
 * `||` alternatives, `,`/space-separated conjunctions, `= != > < >= <= ~ ^`, `x`/`*` wildcards and
 * `1.2 - 1.4` ranges. Pre-release rules are simplified: pre-releases compare below their release.
 */
type Version = [number, number, number, string];

/** `true`/`false`, or `undefined` when the version or the range cannot be read. */
export function satisfiesRange(version: string, range: string): boolean | undefined {
  const parsed = parseVersion(version);
  if (!parsed) return undefined;
  let readable = true;
  const result = range.split('||').some((alternative) => {
    const normalised = alternative.trim().replace(/\s+-\s+/g, ' - ').replace(/([<>=!~^]+)\s+/g, '$1');
    const parts = normalised.split(/[\s,]+/).filter(Boolean);
    const checks: boolean[] = [];
    for (let i = 0; i < parts.length; i++) {
      if (parts[i + 1] === '-' && parts[i + 2]) {
        checks.push(compareTo(parsed, '>=', parts[i]) !== false && compareTo(parsed, '<=', parts[i + 2]) !== false);
        i += 2;
        continue;
      }
      const match = /^(>=|<=|!=|=>|=<|>|<|=|~>|~|\^)?(.*)$/.exec(parts[i])!;
      const outcome = compareTo(parsed, match[1] ?? '=', match[2]);
      if (outcome === undefined) readable = false;
      checks.push(outcome === true);
    }
    return checks.length > 0 && checks.every(Boolean);
  });
  if (result) return true;
  return readable ? false : undefined;
}

function compareTo(version: Version, operator: string, bound: string): boolean | undefined {
  const wildcard = /^v?(\d+|[xX*])?(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(bound);
  if (!wildcard || bound === '') return bound === '' || bound === '*' ? true : undefined;
  const numbers = [wildcard[1], wildcard[2], wildcard[3]].map((part) => (part === undefined || /[xX*]/.test(part) ? undefined : Number(part)));
  const given = numbers.findIndex((part) => part === undefined);
  const precision = given === -1 ? 3 : given;
  const low: Version = [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0, precision === 3 ? (wildcard[4] ?? '').slice(1) : ''];
  const upper = (level: number): Version => (level <= 0 ? [low[0] + 1, 0, 0, ''] : level === 1 ? [low[0], low[1] + 1, 0, ''] : [low[0], low[1], low[2] + 1, '']);
  const cmp = compare(version, low);
  switch (operator) {
    case '=':
      return precision === 3 ? cmp === 0 : cmp >= 0 && compare(version, upper(precision - 1)) < 0;
    case '!=':
      return precision === 3 ? cmp !== 0 : !(cmp >= 0 && compare(version, upper(precision - 1)) < 0);
    case '>':
      return precision === 3 ? cmp > 0 : compare(version, upper(precision - 1)) >= 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<':
      return cmp < 0;
    case '<=':
    case '=<':
      return precision === 3 ? cmp <= 0 : compare(version, upper(precision - 1)) < 0;
    case '~':
    case '~>':
      return cmp >= 0 && compare(version, upper(precision >= 2 ? 1 : 0)) < 0;
    case '^': {
      const level = low[0] > 0 || precision === 1 ? 0 : low[1] > 0 || precision === 2 ? 1 : 2;
      return cmp >= 0 && compare(version, upper(level)) < 0;
    }
    default:
      return undefined;
  }
}

function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0), match[4] ?? ''];
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number) ? -1 : 1;
  if (a[3] === b[3]) return 0;
  if (a[3] === '') return 1;
  if (b[3] === '') return -1;
  return a[3] < b[3] ? -1 : 1;
}
