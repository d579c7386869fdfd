import type { VendorApp } from '../../vendor-server/app';
import type { ZoomApp } from '../../vendor-server/zoomApp';
import { neutralMeeting } from '../../vendor-server/zoomWorker';
import { afterSettle, at, createWorld, meetingWithConference, type VendorKind, type World } from './world';

/**
 * The same end-to-end suite for both adapters: the add-on built on each (vendor.config.json
 * `adapter`), loaded as Apps Script loads it, against each reference server. Assertions are on
 * what the vendor holds, in a vendor-neutral view, and on what the event carries.
 */

const CAL = 'alice@example.com';

interface Held {
  id: string;
  title: string | null;
  startMs: number | null;
  minutes: number | null;
  attendees: string[];
  recurrence: string[];
}

/** What the vendor holds, whatever its API shape. */
function held(world: World<VendorApp | ZoomApp>): Held[] {
  const all =
    world.kind === 'zoom'
      ? (world.vendor as ZoomApp).conferences().map(neutralMeeting)
      : (world.vendor as VendorApp).conferences();
  return all.map((c) => {
    const start = c.start?.dateTime ? Date.parse(c.start.dateTime) : null;
    const end = c.end?.dateTime ? Date.parse(c.end.dateTime) : null;
    return {
      id: c.id,
      title: c.title,
      startMs: start,
      minutes: start !== null && end !== null ? (end - start) / 60000 : null,
      attendees: c.attendees,
      recurrence: c.recurrence,
    };
  });
}

function world$(kind: VendorKind, http = false): Promise<World<VendorApp | ZoomApp>> {
  return kind === 'zoom' ? createWorld({ vendor: 'zoom', http }) : createWorld({ http });
}

describe.each(['acme', 'zoom'] as const)('%s adapter, end to end on the built bundle', (kind) => {
  let world: World<VendorApp | ZoomApp>;
  afterEach(() => world.close());

  it('onCreate: join link, passcode and the parameters marking it ours; the vendor holds one meeting', async () => {
    world = await world$(kind);
    const result = world.emu.ui.addConference({
      calendarId: CAL,
      eventId: world.emu.ui.newEventId(),
      solutionId: 'acme-web',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [meeting] = held(world);
    expect(held(world)).toHaveLength(1);
    const cd = result.conferenceData;
    expect(cd.conferenceId).toBe(meeting!.id);
    expect(cd.conferenceSolution).toMatchObject({ name: 'Acme Meeting' });
    const video = cd.entryPoints?.find((e) => e.entryPointType === 'video');
    expect(video?.uri).toMatch(/^https:\/\//);
    expect(video?.passcode).toBeTruthy();
    expect(cd.parameters?.addOnParameters?.parameters).toEqual({
      createdBy: 'acme-calendar-addon',
      solutionId: 'acme-web',
    });
    if (kind === 'zoom') expect(meeting!.id).toMatch(/^\d+$/); // Zoom's numeric ids
  });

  it('an existing event: title, start, length and guests reach the vendor', async () => {
    world = await world$(kind);
    const event = world.emu.calendar.putEvent(CAL, {
      summary: 'Review',
      start: at('2026-11-25T15:00:00Z'),
      end: at('2026-11-25T16:30:00Z'),
      attendees: [{ email: 'Bob@example.com' }, { email: 'carol@example.com' }],
    });
    world.emu.ui.addConference({ calendarId: CAL, eventId: event.id!, solutionId: 'acme-web' });
    expect(held(world)[0]).toMatchObject({
      title: 'Review',
      startMs: Date.parse('2026-11-25T15:00:00Z'),
      minutes: 90,
      attendees: ['bob@example.com', 'carol@example.com'],
    });
  });

  it('a weekly series with an end is held as a series', async () => {
    world = await world$(kind);
    const event = world.emu.calendar.putEvent(CAL, {
      summary: 'Standup',
      start: at('2026-11-23T09:00:00Z'),
      end: at('2026-11-23T09:15:00Z'),
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10'],
    });
    world.emu.ui.addConference({ calendarId: CAL, eventId: event.id!, solutionId: 'acme-web' });
    expect(held(world)[0]?.recurrence).toEqual(['RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10']);
  });

  it('the vendor down: TEMPORARY, and nothing is held', async () => {
    world = await world$(kind);
    world.vendor.faults.set({ mode: 'down' });
    const result = world.emu.ui.addConference({
      calendarId: CAL,
      eventId: world.emu.ui.newEventId(),
      solutionId: 'acme-web',
    });
    expect(result).toMatchObject({ ok: false, error: { conferenceErrorType: 'TEMPORARY' } });
    expect(held(world)).toHaveLength(0);
  });

  it('a 429 with a short Retry-After is waited out once: one meeting, never two', async () => {
    world = await world$(kind);
    world.vendor.faults.set({ mode: 'http429', count: 1, retryAfterSeconds: 1 });
    const result = world.emu.ui.addConference({
      calendarId: CAL,
      eventId: world.emu.ui.newEventId(),
      solutionId: 'acme-web',
    });
    expect(result.ok).toBe(true);
    expect(held(world)).toHaveLength(1);
  });

  it('a 500 once: Acme repeats the create under the same Idempotency-Key; Zoom (no key) does not and says TEMPORARY', async () => {
    world = await world$(kind);
    world.vendor.faults.set({ mode: 'http500', count: 1 });
    const result = world.emu.ui.addConference({
      calendarId: CAL,
      eventId: world.emu.ui.newEventId(),
      solutionId: 'acme-web',
    });
    const posts = world.takeVendorCalls().filter((c) => c.startsWith('POST'));
    if (kind === 'acme') {
      expect(result.ok).toBe(true);
      expect(posts).toEqual(['POST /conferences 500', 'POST /conferences 201']);
      expect(held(world)).toHaveLength(1);
    } else {
      // The meeting may exist at Zoom after a 500: a second POST could make a duplicate.
      expect(result).toMatchObject({ ok: false, error: { conferenceErrorType: 'TEMPORARY' } });
      expect(posts).toEqual(['POST /users/me/meetings 500']);
    }
  });

  it('a garbage answer is PERMANENT', async () => {
    world = await world$(kind);
    world.vendor.faults.set({ mode: 'garbage' });
    const result = world.emu.ui.addConference({
      calendarId: CAL,
      eventId: world.emu.ui.newEventId(),
      solutionId: 'acme-web',
    });
    expect(result).toMatchObject({ ok: false, error: { conferenceErrorType: 'PERMANENT' } });
  });

  it('over real HTTP on 127.0.0.1: create reaches the server process', async () => {
    world = await world$(kind, true);
    const result = world.emu.ui.addConference({
      calendarId: CAL,
      eventId: world.emu.ui.newEventId(),
      solutionId: 'acme-web',
    });
    expect(result.ok).toBe(true);
    expect(await world.remote!.conferences()).toHaveLength(1);
  });

  it('sync: a moved and renamed meeting is updated at the vendor; a deleted one is removed', async () => {
    world = await world$(kind);
    const { eventId } = meetingWithConference(world as World, CAL, {
      summary: 'Planning',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    world.settle();
    world.emu.calendar.editEvent(CAL, eventId, {
      summary: 'Planning (moved)',
      start: at('2026-11-24T13:00:00Z'),
      end: at('2026-11-24T13:45:00Z'),
    });
    world.settle();
    expect(held(world)[0]).toMatchObject({
      title: 'Planning (moved)',
      startMs: Date.parse('2026-11-24T13:00:00Z'),
      minutes: 45,
    });
    world.emu.calendar.deleteEvent(CAL, eventId);
    world.settle();
    expect(held(world)).toHaveLength(1); // a cancelled event may have moved: the settle first
    afterSettle(world);
    expect(held(world)).toHaveLength(0);
  });
});
