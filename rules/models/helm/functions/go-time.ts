import { GoObject, type GoValue, TemplateError } from '../value';

/**
 * Go's time for the date functions: a time.Time object (instant + zone), Format and Parse with Go's reference
 * layouts ("2006-01-02 15:04:05 -0700 MST"), Duration parsing and printing ("1h2m3.5s").
 *
 * Zones: "UTC", "" and "Local" are UTC (the linter has no meaningful local zone; Helm's goldens are rendered in
 * UTC); other IANA names use the platform's time-zone data through Intl; an unknown name falls back to UTC, as
 * Sprig's dateInZone does.
 */

export interface GoTime {
  /** Seconds since the Unix epoch (UTC). */
  seconds: number;
  nanos: number;
  /** Offset east of UTC in seconds, and the zone's abbreviation. */
  offset: number;
  zone: string;
}

const timeOf = new WeakMap<GoObject, GoTime>();

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The zone's offset and abbreviation at an instant. */
export function inZone(time: GoTime, zone: string): GoTime {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return { ...time, offset: 0, zone: 'UTC' };
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(time.seconds * 1000));
    const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    const offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : 0;
    const short = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(new Date(time.seconds * 1000));
    let abbreviation = short.find((part) => part.type === 'timeZoneName')?.value ?? 'UTC';
    if (/^GMT[+-]/.test(abbreviation)) abbreviation = formatOffset(offset, '-07');
    return { ...time, offset, zone: abbreviation === 'GMT' && offset === 0 ? 'GMT' : abbreviation };
  } catch {
    return { ...time, offset: 0, zone: 'UTC' };
  }
}

function formatOffset(offset: number, style: string): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hours = String(Math.floor(abs / 3600)).padStart(2, '0');
  const minutes = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  const seconds = String(abs % 60).padStart(2, '0');
  if (style.startsWith('Z') && offset === 0) return 'Z';
  const body = style.replace(/^Z/, '-');
  switch (body) {
    case '-07':
      return sign + hours;
    case '-0700':
      return sign + hours + minutes;
    case '-07:00':
      return `${sign}${hours}:${minutes}`;
    case '-070000':
      return sign + hours + minutes + seconds;
    default:
      return `${sign}${hours}:${minutes}:${seconds}`;
  }
}

const layoutTokens = [
  'January', 'Jan', 'Monday', 'Mon', 'MST', '2006', '002', '__2', '_2', '01', '02', '03', '04', '05', '06', '15',
  '-07:00:00', '-070000', '-07:00', '-0700', '-07', 'Z07:00:00', 'Z070000', 'Z07:00', 'Z0700', 'Z07', 'PM', 'pm', '1', '2', '3', '4', '5',
];

/** Splits a Go layout into literal text and std tokens (fractional seconds as `.000`/`.999`). */
export function tokenizeLayout(layout: string): { token?: string; text?: string }[] {
  const out: { token?: string; text?: string }[] = [];
  let literal = '';
  for (let i = 0; i < layout.length; ) {
    const fraction = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (fraction) {
      if (literal) out.push({ text: literal });
      literal = '';
      out.push({ token: fraction[0] });
      i += fraction[0].length;
      continue;
    }
    const token = layoutTokens.find((candidate) => layout.startsWith(candidate, i));
    if (token && !(token === 'Jan' && layout.startsWith('January', i)) && !(token === 'Mon' && layout.startsWith('Monday', i))) {
      if (literal) out.push({ text: literal });
      literal = '';
      out.push({ token });
      i += token.length;
      continue;
    }
    literal += layout[i++];
  }
  if (literal) out.push({ text: literal });
  return out;
}

/** time.Time.Format. */
export function formatTime(time: GoTime, layout: string): string {
  const local = new Date((time.seconds + time.offset) * 1000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const hour = local.getUTCHours();
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const yearDay = Math.floor((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  let out = '';
  for (const { token, text } of tokenizeLayout(layout)) {
    if (text !== undefined) {
      out += text;
      continue;
    }
    switch (token) {
      case 'January': out += monthNames[month - 1]; break;
      case 'Jan': out += monthNames[month - 1].slice(0, 3); break;
      case 'Monday': out += dayNames[local.getUTCDay()]; break;
      case 'Mon': out += dayNames[local.getUTCDay()].slice(0, 3); break;
      case 'MST': out += time.zone; break;
      case '2006': out += pad(year, 4); break;
      case '06': out += pad(year % 100); break;
      case '01': out += pad(month); break;
      case '1': out += month; break;
      case '02': out += pad(day); break;
      case '_2': out += String(day).padStart(2, ' '); break;
      case '2': out += day; break;
      case '002': out += pad(yearDay, 3); break;
      case '__2': out += String(yearDay).padStart(3, ' '); break;
      case '15': out += pad(hour); break;
      case '03': out += pad(hour % 12 === 0 ? 12 : hour % 12); break;
      case '3': out += hour % 12 === 0 ? 12 : hour % 12; break;
      case '04': out += pad(local.getUTCMinutes()); break;
      case '4': out += local.getUTCMinutes(); break;
      case '05': out += pad(local.getUTCSeconds()); break;
      case '5': out += local.getUTCSeconds(); break;
      case 'PM': out += hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += hour >= 12 ? 'pm' : 'am'; break;
      default:
        if (/^[.,]/.test(token!)) {
          const digits = String(time.nanos).padStart(9, '0').slice(0, token!.length - 1);
          if (token![1] === '0') out += token![0] + digits;
          else {
            const trimmed = digits.replace(/0+$/, '');
            if (trimmed) out += token![0] + trimmed;
          }
        } else out += formatOffset(time.offset, token!);
    }
  }
  return out;
}

/** time.Parse for the numeric layouts templates use (names of months and days too); undefined when it does not fit. */
export function parseTime(layout: string, value: string): GoTime | undefined {
  let rest = value;
  const fields = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, nanos: 0, offset: 0, pm: undefined as boolean | undefined };
  const take = (pattern: RegExp): string | undefined => {
    const match = pattern.exec(rest);
    if (!match) return undefined;
    rest = rest.slice(match[0].length);
    return match[0];
  };
  for (const { token, text } of tokenizeLayout(layout)) {
    if (text !== undefined) {
      if (!rest.startsWith(text)) return undefined;
      rest = rest.slice(text.length);
      continue;
    }
    let got: string | undefined;
    switch (token) {
      case '2006': got = take(/^[0-9]{4}/); if (got) fields.year = Number(got); break;
      case '06': got = take(/^[0-9]{2}/); if (got) fields.year = 2000 + Number(got) - (Number(got) >= 69 ? 100 : 0); break;
      case '01': case '1': got = take(token === '01' ? /^[0-9]{2}/ : /^[0-9]{1,2}/); if (got) fields.month = Number(got); break;
      case 'January': case 'Jan': {
        const index = monthNames.findIndex((name) => rest.startsWith(token === 'Jan' ? name.slice(0, 3) : name));
        if (index < 0) return undefined;
        rest = rest.slice(token === 'Jan' ? 3 : monthNames[index].length);
        fields.month = index + 1;
        got = 'ok';
        break;
      }
      case 'Monday': case 'Mon': got = take(/^[A-Za-z]+/); break;
      case '02': case '2': case '_2': got = take(token === '02' ? /^[0-9]{2}/ : /^ ?[0-9]{1,2}/); if (got) fields.day = Number(got.trim()); break;
      case '15': case '03': case '3': got = take(token === '3' ? /^[0-9]{1,2}/ : /^[0-9]{2}/); if (got) fields.hour = Number(got); break;
      case '04': case '4': got = take(token === '4' ? /^[0-9]{1,2}/ : /^[0-9]{2}/); if (got) fields.minute = Number(got); break;
      case '05': case '5': {
        got = take(token === '5' ? /^[0-9]{1,2}/ : /^[0-9]{2}/);
        if (got) fields.second = Number(got);
        const fraction = /^[.,]([0-9]+)/.exec(rest);
        if (fraction) {
          rest = rest.slice(fraction[0].length);
          fields.nanos = Number(fraction[1].slice(0, 9).padEnd(9, '0'));
        }
        break;
      }
      case 'PM': case 'pm': got = take(/^(AM|PM|am|pm)/); if (got) fields.pm = got.toUpperCase() === 'PM'; break;
      case 'MST': got = take(/^[A-Z]{3,5}|^[+-][0-9]{2,4}/); break;
      default:
        if (/^[.,]/.test(token!)) {
          got = take(/^[.,][0-9]+/);
          if (got) fields.nanos = Number(got.slice(1, 10).padEnd(9, '0'));
        } else {
          if (token!.startsWith('Z') && rest.startsWith('Z')) {
            rest = rest.slice(1);
            got = 'Z';
            break;
          }
          got = take(/^[+-][0-9]{2}(:?[0-9]{2})?(:?[0-9]{2})?/);
          if (got) {
            const digits = got.slice(1).replace(/:/g, '');
            const offset = Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4) || '0') * 60 + Number(digits.slice(4, 6) || '0');
            fields.offset = got[0] === '-' ? -offset : offset;
          }
        }
    }
    if (got === undefined) return undefined;
  }
  if (rest !== '') return undefined;
  if (fields.pm !== undefined) fields.hour = (fields.hour % 12) + (fields.pm ? 12 : 0);
  if (fields.month < 1 || fields.month > 12 || fields.day < 1 || fields.day > 31 || fields.hour > 23 || fields.minute > 59 || fields.second > 59) return undefined;
  const utc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second) / 1000;
  return { seconds: utc - fields.offset, nanos: fields.nanos, offset: fields.offset, zone: fields.offset === 0 ? 'UTC' : '' };
}

/** The time.Time object a template holds (`.Unix`, `.Format`, `.UTC`… and %v printing). */
export function timeObject(time: GoTime): GoObject {
  const object = new GoObject(
    'time.Time',
    new Map(),
    new Map<string, (args: GoValue[]) => GoValue>([
      ['Unix', () => BigInt(time.seconds)],
      ['UnixNano', () => BigInt(time.seconds) * 1_000_000_000n + BigInt(time.nanos)],
      ['Year', () => BigInt(new Date((time.seconds + time.offset) * 1000).getUTCFullYear())],
      ['Format', (args) => formatTime(time, typeof args[0] === 'string' ? args[0] : '')],
      ['UTC', () => timeObject(inZone(time, 'UTC'))],
      ['String', () => formatTime(time, '2006-01-02 15:04:05.999999999 -0700 MST')],
    ]),
  );
  timeOf.set(object, time);
  return object;
}

/** The instant of a time.Time object, or undefined for anything else. */
export function timeValue(value: GoValue): GoTime | undefined {
  return value instanceof GoObject ? timeOf.get(value) : undefined;
}

const durationUnits: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.ParseDuration, in nanoseconds (bigint, int64 range). */
export function parseDuration(text: string): bigint {
  const fail = (): never => {
    throw new TemplateError(`time: invalid duration ${JSON.stringify(text)}`);
  };
  let rest = text;
  let negative = false;
  if (rest[0] === '-' || rest[0] === '+') {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') fail();
  let total = 0;
  while (rest !== '') {
    const match = /^([0-9]*(\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!match || match[1] === '' || match[1] === '.') return fail();
    total += Number(match[1]) * durationUnits[match[3]];
    rest = rest.slice(match[0].length);
  }
  if (total > 9.223372036854775e18) throw new TemplateError(`time: invalid duration ${JSON.stringify(text)}`);
  const nanos = BigInt(Math.round(total));
  return negative ? -nanos : nanos;
}

function fraction(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const rest = value % unit;
  if (rest === 0n) return whole.toString();
  const digits = rest.toString().padStart(unit.toString().length - 1, '0').replace(/0+$/, '');
  return `${whole}.${digits}`;
}

/** time.Duration.String. */
export function formatDuration(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const sign = nanos < 0n ? '-' : '';
  const abs = nanos < 0n ? -nanos : nanos;
  if (abs < 1000n) return `${sign}${abs}ns`;
  if (abs < 1_000_000n) return `${sign}${fraction(abs, 1000n)}µs`;
  if (abs < 1_000_000_000n) return `${sign}${fraction(abs, 1_000_000n)}ms`;
  const hours = abs / 3_600_000_000_000n;
  const minutes = (abs / 60_000_000_000n) % 60n;
  const seconds = fraction(abs % 60_000_000_000n, 1_000_000_000n);
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}
