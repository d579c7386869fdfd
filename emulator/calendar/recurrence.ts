import { Frequency, type Options, RRule } from 'rrule';
import { instantOf, isValidTimeZone, wallOf } from './timeZones';

/**
 * RFC 5545 recurrence for the Calendar emulator, expanded by the `rrule` package in the series' own time
 * zone (the event's `start.timeZone`, as the Events resource says recurring events need): occurrences keep
 * their wall-clock time across DST changes, as Calendar's do. `rrule` runs on wall-clock ("floating") times;
 * each is turned into an instant with the zone's offset at that moment (timeZones.ts).
 *
 * Supported: one `RRULE` (FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with any rrule part: INTERVAL, COUNT, UNTIL,
 * BYDAY, BYMONTHDAY, BYSETPOS, WKST, ...) and `EXDATE` lines (`Z` instants, `TZID=` or floating wall times,
 * `VALUE=DATE` dates). Not supported: RDATE, EXRULE, sub-daily frequencies.
 */
const DAY_MS = 86_400_000;

export class RecurrenceError extends Error {}

export interface RRuleSpec {
  /** rrule options of the RRULE line, without DTSTART and UNTIL (UNTIL is compared on instants). */
  options: Partial<Options>;
  count?: number;
  /** Inclusive last instant an occurrence may start. */
  untilMs?: number;
}

export interface ParsedRecurrence {
  rule?: RRuleSpec;
  /** Excluded original starts, as instants. */
  exdates: Set<number>;
  /** IANA zone the series is expanded in (`UTC` for all-day series). */
  timeZone: string;
  /** The rrule object for the last start it was built for (expansions of one series reuse it). */
  cache?: { startMs: number; rule: RRule };
}

/** Parses `20261124T100000Z`, `20261124T100000` (read as UTC) or `20261124` (UTC midnight). */
export function parseBasicDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value.trim());
  if (!m) throw new RecurrenceError(`Invalid date in recurrence: ${value}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

/** `20261124T100000Z` for a timed start, `20261124` for an all-day one. */
export function formatBasicDate(ms: number, allDay: boolean): string {
  const iso = new Date(ms).toISOString();
  const date = iso.slice(0, 10).replace(/-/g, '');
  if (allDay) return date;
  return `${date}T${iso.slice(11, 19).replace(/:/g, '')}Z`;
}

/**
 * The instant of a DATE-TIME or DATE value: `Z` values are UTC, others are wall-clock times in `timeZone`;
 * a bare DATE used as an upper bound (`endOfDay`) covers that whole day.
 */
function instantOfValue(value: string, timeZone: string, endOfDay = false): number {
  const wall = parseBasicDate(value);
  if (/Z$/i.test(value.trim())) return wall;
  if (endOfDay && /^\d{8}$/.test(value.trim())) return instantOf(wall + DAY_MS, timeZone) - 1;
  return instantOf(wall, timeZone);
}

const SUPPORTED_FREQ = [Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY];

export function parseRRule(line: string, timeZone = 'UTC'): RRuleSpec {
  const body = line.replace(/^RRULE:/i, '').trim();
  let options: Partial<Options>;
  try {
    options = RRule.parseString(body);
  } catch (err) {
    throw new RecurrenceError(`Invalid recurrence rule: ${line} (${(err as Error).message})`);
  }
  if (options.freq === undefined || !SUPPORTED_FREQ.includes(options.freq)) {
    throw new RecurrenceError(`Unsupported recurrence frequency: ${line}`);
  }
  if (options.interval !== undefined && (!Number.isInteger(options.interval) || options.interval < 1)) {
    throw new RecurrenceError(`Invalid INTERVAL: ${line}`);
  }
  if (options.count !== undefined && options.count !== null && options.until) {
    throw new RecurrenceError(`COUNT and UNTIL cannot both be set: ${line}`);
  }
  const untilValue = /(?:^|;)UNTIL=([^;]+)/i.exec(body)?.[1];
  const { until: _until, dtstart: _dtstart, tzid: _tzid, count, ...rest } = options;
  const spec: RRuleSpec = { options: rest };
  if (count !== undefined && count !== null) {
    if (!Number.isInteger(count) || count < 1) throw new RecurrenceError(`Invalid COUNT: ${line}`);
    spec.count = count;
  }
  if (untilValue) spec.untilMs = instantOfValue(untilValue, timeZone, true);
  return spec;
}

function parseExdates(line: string, timeZone: string, into: Set<number>): void {
  const colon = line.indexOf(':');
  const params = line.slice(0, colon);
  const zone = /TZID=([^;:]+)/i.exec(params)?.[1] ?? timeZone;
  if (!isValidTimeZone(zone)) throw new RecurrenceError(`Invalid time zone in ${line}`);
  for (const v of line.slice(colon + 1).split(',')) into.add(instantOfValue(v, zone));
}

/** Parses a Calendar `recurrence` array for a series whose start is in `timeZone`. */
export function parseRecurrence(lines: string[], timeZone = 'UTC'): ParsedRecurrence {
  if (!isValidTimeZone(timeZone)) throw new RecurrenceError(`Invalid time zone ${timeZone}`);
  const out: ParsedRecurrence = { exdates: new Set(), timeZone };
  for (const line of lines) {
    const upper = line.toUpperCase();
    if (upper.startsWith('RRULE:')) {
      if (out.rule) throw new RecurrenceError('Only one RRULE is supported');
      out.rule = parseRRule(line, timeZone);
    } else if (upper.startsWith('EXDATE')) {
      parseExdates(line, timeZone, out.exdates);
    } else if (upper.startsWith('RDATE') || upper.startsWith('EXRULE')) {
      throw new RecurrenceError(`Unsupported recurrence line: ${line}`);
    } else {
      throw new RecurrenceError(`Invalid recurrence line: ${line}`);
    }
  }
  return out;
}

/** Hard cap on generated occurrences per series, to keep unbounded rules cheap. */
export const MAX_OCCURRENCES = 1000;

/** Hard cap on candidates examined per expansion, so a bad rule can never loop for long. */
const MAX_ITERATIONS = 200_000;

export interface ExpandOptions {
  /** Inclusive upper bound on an occurrence's start. */
  untilMs: number;
  /** Only occurrences starting at or after this are returned (COUNT still counts from the first). */
  minStartMs?: number;
  /** At most this many occurrences are returned (default MAX_OCCURRENCES). */
  limit?: number;
}

function rruleFor(startMs: number, recurrence: ParsedRecurrence, rule: RRuleSpec): RRule {
  if (recurrence.cache?.startMs === startMs && recurrence.rule === rule) return recurrence.cache.rule;
  const dtstart = new Date(wallOf(startMs, recurrence.timeZone));
  const built = new RRule({ ...rule.options, dtstart, count: rule.count ?? null, until: null, tzid: null });
  if (recurrence.rule === rule) recurrence.cache = { startMs, rule: built };
  return built;
}

/**
 * Original start times (ms) of the occurrences of a series whose first occurrence starts at `startMs`,
 * in order, EXDATEs removed.
 */
export function expandStarts(startMs: number, recurrence: ParsedRecurrence, opts: ExpandOptions): number[] {
  const out: number[] = [];
  const limit = opts.limit ?? MAX_OCCURRENCES;
  const minStart = opts.minStartMs ?? Number.NEGATIVE_INFINITY;
  const keep = (t: number) => t >= minStart && !recurrence.exdates.has(t);
  const rule = recurrence.rule;
  if (!rule) {
    if (startMs <= opts.untilMs && keep(startMs)) out.push(startMs);
    return out;
  }
  const untilMs = Math.min(opts.untilMs, rule.untilMs ?? Number.POSITIVE_INFINITY);
  rruleFor(startMs, recurrence, rule).all((wall, i) => {
    const t = instantOf(wall.getTime(), recurrence.timeZone);
    if (t > untilMs || out.length >= limit || i >= MAX_ITERATIONS) return false;
    if (keep(t)) out.push(t);
    return true;
  });
  return out;
}

/** Whether `t` is the original start of an occurrence (EXDATEs excluded). */
export function isOccurrence(startMs: number, recurrence: ParsedRecurrence, t: number): boolean {
  return expandStarts(startMs, recurrence, { untilMs: t, minStartMs: t, limit: 1 })[0] === t;
}

/** Start of the last occurrence, or Infinity for an unbounded series. */
export function lastStart(startMs: number, recurrence: ParsedRecurrence): number {
  const rule = recurrence.rule;
  if (!rule) return startMs;
  if (rule.count === undefined && rule.untilMs === undefined) return Number.POSITIVE_INFINITY;
  const starts = expandStarts(
    startMs,
    { ...recurrence, exdates: new Set(), cache: undefined },
    { untilMs: rule.untilMs ?? Number.POSITIVE_INFINITY, limit: MAX_ITERATIONS },
  );
  return starts.length ? starts[starts.length - 1] : startMs;
}

/**
 * Splits a series' recurrence at the occurrence starting `splitMs` ("this and following events", recurring
 * events guide): `before` ends with UNTIL just before it, `after` continues from it (a COUNT is reduced by
 * the occurrences already had; an UNTIL is kept). EXDATE lines stay on both (harmless outside a series).
 */
export function splitRecurrence(
  lines: string[],
  recurrence: ParsedRecurrence,
  startMs: number,
  splitMs: number,
  allDay: boolean,
): { before: string[]; after: string[] } {
  const rule = recurrence.rule;
  const ruleLine = lines.find((l) => l.toUpperCase().startsWith('RRULE:'));
  if (!rule || !ruleLine) return { before: [...lines], after: [...lines] };
  const others = lines.filter((l) => l !== ruleLine);
  const kept = ruleLine
    .replace(/^RRULE:/i, '')
    .split(';')
    .filter((p) => !/^(COUNT|UNTIL)=/i.test(p));
  const until = formatBasicDate(allDay ? splitMs - DAY_MS : splitMs - 1000, allDay);
  const had = expandStarts(
    startMs,
    { ...recurrence, exdates: new Set(), cache: undefined },
    { untilMs: splitMs - 1, limit: MAX_ITERATIONS },
  );
  const originalUntil = /UNTIL=[^;]+/i.exec(ruleLine)?.[0];
  const tail =
    rule.count !== undefined ? [`COUNT=${rule.count - had.length}`] : originalUntil ? [originalUntil] : [];
  return {
    before: [`RRULE:${[...kept, `UNTIL=${until}`].join(';')}`, ...others],
    after: [`RRULE:${[...kept, ...tail].join(';')}`, ...others],
  };
}
