import { CalendarEmulator, type CalendarEmulatorOptions } from '../../../emulator/calendar/calendarEmulator';
import type { CalendarEvent } from '../../../emulator/calendar/types';
import { SimClock } from '../../../emulator/clock';
import { simpleContext } from '../../../emulator/context';

export const CAL = 'user@example.com';

export function setup(options: CalendarEmulatorOptions = {}) {
  const ctx = simpleContext(new SimClock(Date.UTC(2026, 10, 23, 9, 0, 0)));
  const emu = new CalendarEmulator(ctx, options);
  return { ctx, emu, Calendar: emu.service };
}

export function timed(startIso: string, minutes = 60, extra: CalendarEvent = {}): CalendarEvent {
  const start = Date.parse(startIso);
  return {
    summary: 'Meeting',
    start: { dateTime: new Date(start).toISOString().replace('.000Z', 'Z') },
    end: { dateTime: new Date(start + minutes * 60_000).toISOString().replace('.000Z', 'Z') },
    ...extra,
  };
}

export function series(startIso: string, rrule: string, extra: CalendarEvent = {}): CalendarEvent {
  const ev = timed(startIso, 60, extra);
  ev.start!.timeZone = 'UTC';
  ev.end!.timeZone = 'UTC';
  ev.recurrence = [rrule, ...(extra.recurrence ?? [])];
  return ev;
}

/** Runs fn and returns what it threw (fails the test if it did not throw). */
export function thrown(fn: () => unknown): Error & {
  details: {
    code: number;
    message: string;
    errors: Array<{ domain: string; reason: string; message: string }>;
  };
} {
  try {
    fn();
  } catch (e) {
    return e as ReturnType<typeof thrown>;
  }
  throw new Error('expected a throw');
}

export const addOnConference = {
  conferenceId: 'acme-123',
  conferenceSolution: {
    key: { type: 'addOn' },
    name: 'Acme Meeting',
    iconUri: 'https://www.gstatic.com/x.png',
  },
  entryPoints: [{ entryPointType: 'video', uri: 'https://conference.example.com/j/acme-123' }],
  parameters: { addOnParameters: { parameters: { solution: 'acme-web' } } },
};
