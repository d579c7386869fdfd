/**
 * A small RFC 5545 recurrence expander for the Calendar emulator: `RRULE` with FREQ=DAILY|WEEKLY|MONTHLY|
 * YEARLY, INTERVAL, COUNT, UNTIL and BYDAY (weekly only), plus `EXDATE` lines. Limitation: everything is
 * expanded in UTC (wall-clock times do not follow DST changes of the event's time zone).
 */
const DAY_MS = 86_400_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export interface RRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  count?: number;
  untilMs?: number;
  byDay?: number[]; // 0 = Sunday
}

export class RecurrenceError extends Error {}

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

export function parseRRule(line: string): RRule {
  const body = line.replace(/^RRULE:/i, '');
  const parts = new Map<string, string>();
  for (const p of body.split(';')) {
    const [k, v] = p.split('=');
    if (!k || v === undefined) throw new RecurrenceError(`Invalid recurrence rule: ${line}`);
    parts.set(k.toUpperCase(), v.toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') {
    throw new RecurrenceError(`Unsupported recurrence frequency: ${line}`);
  }
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  if (!Number.isInteger(interval) || interval < 1) throw new RecurrenceError(`Invalid INTERVAL: ${line}`);
  const rule: RRule = { freq, interval };
  if (parts.has('COUNT')) {
    const count = Number(parts.get('COUNT'));
    if (!Number.isInteger(count) || count < 1) throw new RecurrenceError(`Invalid COUNT: ${line}`);
    rule.count = count;
  }
  if (parts.has('UNTIL')) rule.untilMs = parseBasicDate(parts.get('UNTIL')!);
  if (rule.count !== undefined && rule.untilMs !== undefined) {
    throw new RecurrenceError(`COUNT and UNTIL cannot both be set: ${line}`);
  }
  if (parts.has('BYDAY')) {
    if (freq !== 'WEEKLY') throw new RecurrenceError(`BYDAY is only supported with FREQ=WEEKLY: ${line}`);
    rule.byDay = parts
      .get('BYDAY')!
      .split(',')
      .map((d) => {
        const i = WEEKDAYS.indexOf(d);
        if (i < 0) throw new RecurrenceError(`Invalid BYDAY: ${line}`);
        return i;
      })
      .sort((a, b) => a - b);
  }
  return rule;
}

export interface ParsedRecurrence {
  rule?: RRule;
  exdates: Set<number>;
}

export function parseRecurrence(lines: string[]): ParsedRecurrence {
  const out: ParsedRecurrence = { exdates: new Set() };
  for (const line of lines) {
    const upper = line.toUpperCase();
    if (upper.startsWith('RRULE:')) {
      if (out.rule) throw new RecurrenceError('Only one RRULE is supported');
      out.rule = parseRRule(line);
    } else if (upper.startsWith('EXDATE')) {
      const values = line.slice(line.indexOf(':') + 1);
      for (const v of values.split(',')) out.exdates.add(parseBasicDate(v));
    } else if (upper.startsWith('RDATE') || upper.startsWith('EXRULE')) {
      throw new RecurrenceError(`Unsupported recurrence line: ${line}`);
    } else {
      throw new RecurrenceError(`Invalid recurrence line: ${line}`);
    }
  }
  return out;
}

/** Hard cap on generated candidates per series, to keep unbounded rules cheap. */
export const MAX_OCCURRENCES = 1000;

function* candidates(startMs: number, rule: RRule): Generator<number> {
  const start = new Date(startMs);
  const timeOfDay = startMs - Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  if (rule.freq === 'DAILY') {
    for (let k = 0; ; k++) yield startMs + k * rule.interval * DAY_MS;
  }
  if (rule.freq === 'WEEKLY') {
    const days = rule.byDay ?? [start.getUTCDay()];
    // Weeks start on Monday (WKST=MO, the RFC default).
    const startDay = startMs - timeOfDay;
    const mondayOffset = (start.getUTCDay() + 6) % 7;
    const weekStart = startDay - mondayOffset * DAY_MS;
    for (let w = 0; ; w += rule.interval) {
      const base = weekStart + w * 7 * DAY_MS;
      const inWeek = days.map((d) => (d + 6) % 7).sort((a, b) => a - b);
      for (const offset of inWeek) {
        const t = base + offset * DAY_MS + timeOfDay;
        if (t >= startMs) yield t;
      }
    }
  }
  const y = start.getUTCFullYear();
  const mo = start.getUTCMonth();
  const d = start.getUTCDate();
  for (let k = 0; ; k += rule.interval) {
    const year = rule.freq === 'YEARLY' ? y + k : y;
    const month = rule.freq === 'YEARLY' ? mo : mo + k;
    const dayStart = Date.UTC(year, month, d);
    // Months (or Feb 29 years) without that day are skipped, as RFC 5545 says.
    if (new Date(dayStart).getUTCDate() !== d) continue;
    yield dayStart + timeOfDay;
  }
}

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

/**
 * Original start times (ms) of the occurrences of a series whose first occurrence starts at `startMs`,
 * in order, EXDATEs removed.
 */
export function expandStarts(startMs: number, recurrence: ParsedRecurrence, opts: ExpandOptions): number[] {
  const out: number[] = [];
  const limit = opts.limit ?? MAX_OCCURRENCES;
  const minStart = opts.minStartMs ?? Number.NEGATIVE_INFINITY;
  const keep = (t: number) => t >= minStart && !recurrence.exdates.has(t);
  if (!recurrence.rule) {
    if (startMs <= opts.untilMs && keep(startMs)) out.push(startMs);
    return out;
  }
  const rule = recurrence.rule;
  let generated = 0;
  for (const t of candidates(startMs, rule)) {
    if (rule.count !== undefined && generated >= rule.count) break;
    if (rule.untilMs !== undefined && t > rule.untilMs) break;
    if (t > opts.untilMs || out.length >= limit || generated >= MAX_ITERATIONS) break;
    generated++;
    if (keep(t)) out.push(t);
  }
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
  let last = startMs;
  const starts = expandStarts(
    startMs,
    { rule, exdates: new Set() },
    { untilMs: rule.untilMs ?? Number.POSITIVE_INFINITY, limit: MAX_ITERATIONS },
  );
  if (starts.length) last = starts[starts.length - 1];
  return last;
}

/**
 * Splits a series' recurrence at the occurrence starting `splitMs` ("this and following events", recurring
 * events guide): `before` ends with UNTIL just before it, `after` continues from it (a COUNT is reduced by
 * the occurrences already had; an UNTIL is kept). EXDATE lines stay on both (harmless outside a series).
 */
export function splitRecurrence(
  lines: string[],
  startMs: number,
  splitMs: number,
  allDay: boolean,
): { before: string[]; after: string[] } {
  const parsed = parseRecurrence(lines);
  const rule = parsed.rule;
  const ruleLine = lines.find((l) => l.toUpperCase().startsWith('RRULE:'));
  const others = lines.filter((l) => l !== ruleLine);
  if (!rule || !ruleLine) return { before: [...lines], after: [...lines] };
  const kept = ruleLine
    .replace(/^RRULE:/i, '')
    .split(';')
    .filter((p) => !/^(COUNT|UNTIL)=/i.test(p));
  const until = formatBasicDate(allDay ? splitMs - DAY_MS : splitMs - 1000, allDay);
  const had = expandStarts(
    startMs,
    { rule, exdates: new Set() },
    { untilMs: splitMs - 1, limit: MAX_ITERATIONS },
  );
  const tail =
    rule.count !== undefined
      ? [`COUNT=${rule.count - had.length}`]
      : rule.untilMs !== undefined
        ? [ruleLine.match(/UNTIL=[^;]+/i)![0]]
        : [];
  return {
    before: [`RRULE:${[...kept, `UNTIL=${until}`].join(';')}`, ...others],
    after: [`RRULE:${[...kept, ...tail].join(';')}`, ...others],
  };
}
