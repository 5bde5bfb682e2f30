import { type GoValue, TemplateError } from '../value';
import { entry, stringArg } from './arguments';
import { formatDuration, formatTime, type GoTime, inZone, parseDuration, parseTime, timeObject, timeValue } from './go-time';
import { trimSpace } from './sprig-strings';
import type { FunctionEntry } from './types';

/**
 * Sprig's date.go and Helm's duration helpers (Helm 4's toDuration family). "Now" is injected: `dateFunctions(now)`
 * is called with the instant the render treats as now (the function table's `now` option), so a render is
 * reproducible; a zone name is resolved as go-time.ts describes.
 */

/** Sprig accepts a time.Time or a Unix time in seconds (Go's int kinds); anything else means now. */
function instant(value: GoValue, now: GoTime): GoTime {
  const time = timeValue(value);
  if (time) return time;
  if (typeof value === 'bigint') return { seconds: Number(value), nanos: 0, offset: 0, zone: 'UTC' };
  return now;
}

function dateInZone(layout: string, value: GoValue, zone: string, now: GoTime): string {
  return formatTime(inZone(instant(value, now), zone), layout);
}

function since(time: GoTime, now: GoTime): bigint {
  return BigInt(now.seconds - time.seconds) * 1_000_000_000n + BigInt(now.nanos - time.nanos);
}

/** Sprig's durationRound: the largest whole unit (y = 365 d, mo = 30 d). */
function roughDuration(nanos: bigint): string {
  const abs = nanos < 0n ? -nanos : nanos;
  const second = 1_000_000_000n;
  const units: [bigint, string][] = [
    [second * 3600n * 24n * 365n, 'y'],
    [second * 3600n * 24n * 30n, 'mo'],
    [second * 3600n * 24n, 'd'],
    [second * 3600n, 'h'],
    [second * 60n, 'm'],
    [second, 's'],
  ];
  for (const [size, name] of units) if (abs > size) return `${abs / size}${name}`;
  return '0s';
}

const INT64_MAX = (1n << 63n) - 1n;

/** Helm's toDuration: numbers are seconds, strings a number of seconds or a Go duration. */
function toDuration(value: GoValue): bigint {
  const fromSeconds = (seconds: number): bigint => {
    const nanos = seconds * 1e9;
    if (!Number.isFinite(nanos) || Math.abs(nanos) >= 9.223372036854775e18) throw new TemplateError(`duration out of range: ${seconds}s`);
    return BigInt(Math.round(nanos));
  };
  if (typeof value === 'bigint') {
    if (value * 1_000_000_000n > INT64_MAX || value * 1_000_000_000n < -INT64_MAX) throw new TemplateError(`duration out of range: ${value}s`);
    return value * 1_000_000_000n;
  }
  if (typeof value === 'number') return fromSeconds(value);
  if (typeof value === 'string') {
    const text = trimSpace(value);
    if (text === '') throw new TemplateError('empty duration');
    if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) return fromSeconds(Number(text));
    return parseDuration(text);
  }
  throw new TemplateError(`unsupported duration type ${value === null ? 'nil' : typeof value}`);
}

function quietDuration(value: GoValue): bigint {
  try {
    return toDuration(value);
  } catch (error) {
    if (error instanceof TemplateError) return 0n;
    throw error;
  }
}

const durationIn = (unit: number) => entry((args) => Number(quietDuration(args[0])) / unit, [1, 1]);

function roundTo(args: readonly GoValue[], truncate: boolean): string {
  const duration = quietDuration(args[0]);
  let unit: bigint;
  try {
    unit = toDuration(args[1]);
  } catch {
    unit = 0n;
  }
  if (unit <= 0n) return formatDuration(duration);
  if (truncate) return formatDuration(duration - (duration % unit));
  const remainder = duration % unit;
  const abs = remainder < 0n ? -remainder : remainder;
  let rounded = duration - remainder;
  if (abs + abs >= unit) rounded += duration < 0n ? -unit : unit;
  return formatDuration(rounded);
}

/** The date functions, with `now` as the render's current instant. */
export function dateFunctions(now: Date): Record<string, FunctionEntry> {
  const current: GoTime = { seconds: Math.floor(now.getTime() / 1000), nanos: (now.getTime() % 1000) * 1e6, offset: 0, zone: 'UTC' };
  const modify = (args: readonly GoValue[]): GoValue => {
    const time = timeValue(args[1]);
    if (!time) throw new TemplateError(`wrong type for value; expected time.Time`);
    const nanos = BigInt(time.seconds) * 1_000_000_000n + BigInt(time.nanos) + parseDuration(stringArg(args, 0));
    return timeObject({ ...time, seconds: Number(nanos / 1_000_000_000n), nanos: Number(nanos % 1_000_000_000n) });
  };
  const toDate = (args: readonly GoValue[], must: boolean): GoValue => {
    const parsed = parseTime(stringArg(args, 0), stringArg(args, 1));
    if (!parsed && must) throw new TemplateError(`parsing time ${JSON.stringify(stringArg(args, 1))} as ${JSON.stringify(stringArg(args, 0))}: cannot parse`);
    return timeObject(parsed ?? { seconds: -62135596800, nanos: 0, offset: 0, zone: 'UTC' });
  };
  return {
    now: entry(() => timeObject(current), [0, 0]),
    date: entry((args) => dateInZone(stringArg(args, 0), args[1], 'Local', current), [2, 2]),
    dateInZone: entry((args) => dateInZone(stringArg(args, 0), args[1], stringArg(args, 2), current), [3, 3]),
    date_in_zone: entry((args) => dateInZone(stringArg(args, 0), args[1], stringArg(args, 2), current), [3, 3]),
    htmlDate: entry((args) => dateInZone('2006-01-02', args[0], 'Local', current), [1, 1]),
    htmlDateInZone: entry((args) => dateInZone('2006-01-02', args[0], stringArg(args, 1), current), [2, 2]),
    dateModify: entry(modify, [2, 2]),
    date_modify: entry(modify, [2, 2]),
    mustDateModify: entry(modify, [2, 2]),
    must_date_modify: entry(modify, [2, 2]),
    ago: entry((args) => {
      const nanos = since(instant(args[0], current), current);
      return formatDuration(((nanos + 500_000_000n) / 1_000_000_000n) * 1_000_000_000n);
    }, [1, 1]),
    toDate: entry((args) => toDate(args, false), [2, 2]),
    mustToDate: entry((args) => toDate(args, true), [2, 2]),
    unixEpoch: entry((args) => {
      const time = timeValue(args[0]);
      if (!time) throw new TemplateError('wrong type for value; expected time.Time');
      return String(time.seconds);
    }, [1, 1]),
    duration: entry((args) => {
      const value = args[0];
      let seconds = 0n;
      if (typeof value === 'string') seconds = /^[+-]?[0-9]+$/.test(value) ? BigInt(value) : 0n;
      else if (typeof value === 'bigint') seconds = value;
      return formatDuration(seconds * 1_000_000_000n);
    }, [1, 1]),
    durationRound: entry((args) => {
      const value = args[0];
      const time = timeValue(value);
      if (time) return roughDuration(since(time, current));
      if (typeof value === 'bigint') return roughDuration(value);
      if (typeof value === 'string') {
        try {
          return roughDuration(parseDuration(value));
        } catch {
          return '0s';
        }
      }
      return '0s';
    }, [1, 1]),
    mustToDuration: entry((args) => formatDuration(toDuration(args[0])), [1, 1]),
    durationSeconds: durationIn(1e9),
    durationMilliseconds: entry((args) => quietDuration(args[0]) / 1_000_000n, [1, 1]),
    durationMicroseconds: entry((args) => quietDuration(args[0]) / 1_000n, [1, 1]),
    durationNanoseconds: entry((args) => quietDuration(args[0]), [1, 1]),
    durationMinutes: durationIn(60e9),
    durationHours: durationIn(3600e9),
    durationDays: durationIn(86400e9),
    durationWeeks: durationIn(604800e9),
    durationRoundTo: entry((args) => roundTo(args, false), [2, 2]),
    durationTruncateTo: entry((args) => roundTo(args, true), [2, 2]),
  };
}
