/**
 * Wall-clock time <-> instant in an IANA time zone, with the platform's Intl data (no Node APIs beyond
 * Intl). A "wall" value is a millisecond count whose UTC fields read as the local date and time.
 * RFC 5545 (3.3.5): a local time that occurs twice (DST ends) means the first one; a local time that does
 * not exist (DST starts) is read with the offset from before the gap, i.e. moved forward by the gap.
 */
const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Z']);
const QUARTER_HOUR = 900_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (UTC_ZONES.has(timeZone)) return true;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset (ms) at an instant. Zones change offset on quarter-hour instants, so cache by those. */
function offsetAt(ms: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const base = Math.floor(ms / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(base))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offset = wall - base;
  if (offsets.size > 200_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The local wall-clock time of an instant. */
export function wallOf(ms: number, timeZone: string): number {
  return UTC_ZONES.has(timeZone) ? ms : ms + offsetAt(ms, timeZone);
}

/** The instant of a local wall-clock time (first one when ambiguous, shifted forward in a gap). */
export function instantOf(wall: number, timeZone: string): number {
  if (UTC_ZONES.has(timeZone)) return wall;
  const t = wall - offsetAt(wall - offsetAt(wall, timeZone), timeZone);
  const before = offsetAt(t - 3 * 3_600_000, timeZone);
  if (wallOf(t, timeZone) !== wall) return wall - before; // in a gap: the offset from before it
  const earlier = wall - before;
  return earlier < t && wallOf(earlier, timeZone) === wall ? earlier : t;
}
