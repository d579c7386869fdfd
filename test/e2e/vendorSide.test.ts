import { cardActions, cardText } from '../../emulator/cards/inspect';
import type { VendorApp } from '../../vendor-server/app';
import type { ZoomApp } from '../../vendor-server/zoomApp';
import { neutralMeeting } from '../../vendor-server/zoomWorker';
import { at, createWorld, meetingWithConference, type VendorKind, type World } from './world';

/**
 * Issue 17: the vendor side changes behind the add-on's back (a host deletes the meeting in the
 * vendor's own UI, or moves it there), and the hourly run's audit puts back what the calendar says.
 * The built bundle on each adapter, against each reference server; the vendor-side changes are the
 * servers' own "UI" (vendorSide), not API calls of the add-on.
 */

const CAL = 'alice@example.com';
const HOUR = 3600_000;

/** `undo: false`: a vendor that cannot undo a delete (its trash or recover switched off). */
function world$(kind: VendorKind, undo = true): Promise<World<VendorApp | ZoomApp>> {
  return kind === 'zoom'
    ? createWorld({ vendor: 'zoom', vendorUndo: undo })
    : createWorld({ vendorUndo: undo });
}

/** What the vendor holds for one conference (live only), in the Acme server's field names. */
function heldAt(world: World<VendorApp | ZoomApp>, id: string) {
  if (world.kind === 'zoom') {
    const m = (world.vendor as ZoomApp).conference(id);
    return m && !m.deleted ? neutralMeeting(m) : undefined;
  }
  const c = (world.vendor as VendorApp).conference(id);
  return c && !c.deleted ? c : undefined;
}

const call = (world: World<VendorApp | ZoomApp>, name: string, arg?: unknown) =>
  world.emu.script!.callWith({ kind: 'addon' }, name, arg);
const text = (card: unknown) => cardText(card as never);

/** A meeting tomorrow morning (within the day: checked at every hourly run), synced and checked once. */
function checkedMeeting(world: World<VendorApp | ZoomApp>) {
  const m = meetingWithConference(world as World, CAL, {
    summary: 'Quarterly review',
    start: at('2026-11-24T08:00:00Z'),
    end: at('2026-11-24T09:00:00Z'),
    attendees: [{ email: 'bob@example.com' }],
  });
  world.settle();
  world.emu.advance(HOUR); // the first hourly run checks it
  world.takeVendorCalls();
  return m;
}

/** The vendor writes of one repair of a conference `lost` at the vendor. */
function repairCalls(kind: VendorKind, undo: boolean, lost: string): string[] {
  if (kind === 'acme') {
    const restore = `POST /conferences/${lost}/restore`;
    return undo ? [`${restore} 200`] : [`${restore} 404`, 'POST /conferences 201'];
  }
  const recover = `PUT /meetings/${lost}/status`;
  return undo
    ? [`${recover} 204`, `PATCH /meetings/${lost} 204`]
    : [`${recover} 404`, 'POST /users/me/meetings 201'];
}

describe.each(['acme', 'zoom'] as const)('%s: when the vendor side changes', (kind) => {
  let world: World<VendorApp | ZoomApp>;
  afterEach(() => world.close());

  /**
   * Both reference vendors can undo a delete (Acme's `POST /conferences/{id}/restore`, Zoom's
   * `PUT /meetings/{id}/status` action `recover`): the guests' link works again. A vendor that
   * cannot (trash or recover off): a new conference, written onto the event.
   */
  it.each([
    ['can undo a delete: the same conference back', true],
    ['cannot undo a delete: a new one', false],
  ])(
    'a conference deleted at the vendor that %s, on the event within 2 hours; the cards say so',
    async (_how, undo) => {
      world = await world$(kind, undo);
      const { eventId, conferenceId } = checkedMeeting(world);
      expect(world.vendor.vendorSide.deleteConference(conferenceId)).toBe(true);
      world.emu.advance(2 * HOUR);
      const event = world.emu.calendar.peek(CAL, eventId)!;
      const nowId = event.conferenceData!.conferenceId!;
      if (undo) expect(nowId).toBe(conferenceId);
      else expect(nowId).not.toBe(conferenceId);
      const held = heldAt(world, nowId);
      expect(held).toMatchObject({ title: 'Quarterly review', attendees: ['bob@example.com'] });
      expect(Date.parse(held!.start!.dateTime!)).toBe(Date.parse('2026-11-24T08:00:00Z'));
      const video = event.conferenceData!.entryPoints!.find((e) => e.entryPointType === 'video');
      expect(video?.uri).toBe(held!.joinUrl);
      const calls = world.takeVendorCalls().filter((c) => !c.startsWith('GET'));
      expect(calls).toEqual(repairCalls(kind, undo, conferenceId)); // one repair, not one per run
      // Later runs leave it alone: the sync sees its own conference on the event.
      world.emu.advance(3 * HOUR);
      expect(world.takeVendorCalls().filter((c) => !c.startsWith('GET'))).toEqual([]);
      const home = text(call(world, 'onShowSyncDetails', {}));
      expect(home).toContain('1 meeting repaired this week');
      const card = text(call(world, 'onEventOpen', { calendar: { calendarId: CAL, id: eventId } }));
      expect(card).toMatch(
        undo
          ? /no longer had this meeting .* restored with the same join link/
          : /no longer had this meeting .* A new one was made and put on the event/,
      );
    },
  );

  it('a meeting moved at the vendor: within 2 hours it holds the event time again', async () => {
    world = await world$(kind);
    const { eventId, conferenceId } = checkedMeeting(world);
    world.vendor.vendorSide.moveConference(conferenceId, '2026-11-24T15:00:00Z', '2026-11-24T15:30:00Z');
    world.emu.advance(2 * HOUR);
    const held = heldAt(world, conferenceId)!;
    expect(Date.parse(held.start!.dateTime!)).toBe(Date.parse('2026-11-24T08:00:00Z'));
    expect(Date.parse(held.end!.dateTime!)).toBe(Date.parse('2026-11-24T09:00:00Z'));
    expect(world.emu.calendar.peek(CAL, eventId)!.conferenceData!.conferenceId).toBe(conferenceId);
    const card = text(call(world, 'onEventOpen', { calendar: { calendarId: CAL, id: eventId } }));
    expect(card).toMatch(/showed other details than this event: time .* details were sent again/);
  });

  it('the vendor answers 401: nothing written, nothing deleted, and the homepage says why', async () => {
    world = await world$(kind);
    const { eventId, conferenceId } = checkedMeeting(world);
    const before = world.emu.calendar.peek(CAL, eventId)!;
    world.vendor.vendorSide.deleteConference(conferenceId); // even a conference it lost is left alone
    world.vendor.faults.set({ mode: 'http401' });
    world.emu.advance(2 * HOUR);
    expect(world.takeVendorCalls().filter((c) => !c.startsWith('GET'))).toEqual([]);
    const after = world.emu.calendar.peek(CAL, eventId)!;
    expect(after.etag).toBe(before.etag);
    expect(after.conferenceData).toEqual(before.conferenceData);
    world.vendor.faults.set({ mode: 'up' });
    const home = text(call(world, 'onShowSyncDetails', {}));
    expect(home).toMatch(
      /no longer accepts the add-on's sign-in, so your meetings could not be checked\. Nothing was deleted or changed/,
    );
    // The homepage says it in its one line about the sync.
    expect(text(call(world, 'onHomepage', {}))).toContain('Meetings could not be checked at Acme.');
  });
});

/**
 * Calendar refuses every write of an event (a 403 that is not a rate limit, or a backend error)
 * until the returned undo.
 */
function refuseWrites(world: World<VendorApp>, error = 'Forbidden'): () => void {
  const calendar = world.emu.globals.Calendar as { Events: { patch: (...a: unknown[]) => unknown } };
  const patch = calendar.Events.patch;
  calendar.Events.patch = () => {
    throw new Error(`API call to calendar.events.patch failed with error: ${error}`);
  };
  return () => {
    calendar.Events.patch = patch;
  };
}

/** The live conferences the vendor holds that no event carries. */
function uncarried(world: World<VendorApp>, eventIds: string[]): string[] {
  const carried = new Set(
    eventIds.map((id) => world.emu.calendar.peek(CAL, id)?.conferenceData?.conferenceId),
  );
  return world.vendor
    .conferences()
    .filter((c) => !(c as { deleted?: boolean }).deleted && !carried.has(c.id))
    .map((c) => c.id);
}

describe('Calendar refuses the new conference', () => {
  let world: World<VendorApp>;
  afterEach(() => world.close());

  /**
   * A checked meeting whose conference the vendor lost with nothing in its trash (so a new one is
   * made), while Calendar refuses writes with `error`; `allow` lets writes through again.
   */
  async function lostWhileCalendarRefuses(error?: string) {
    world = await createWorld({ vendorTrashDays: 0 });
    const { eventId, conferenceId } = checkedMeeting(world as World<VendorApp | ZoomApp>);
    world.vendor.vendorSide.deleteConference(conferenceId);
    const allow = refuseWrites(world, error);
    return { eventId, conferenceId, allow };
  }

  it('for good: the new conference Calendar would not take goes through the delete gate at once (no orphan); the card asks for one click', async () => {
    const { eventId, conferenceId, allow } = await lostWhileCalendarRefuses();
    world.emu.advance(2 * HOUR);
    // Made, refused by Calendar, and taken back: nothing waits at the vendor that no event carries.
    expect(uncarried(world, [eventId])).toEqual([]);
    expect(world.vendor.requests().filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(world.emu.calendar.peek(CAL, eventId)!.conferenceData!.conferenceId).toBe(conferenceId);
    // Nothing is made again by itself: Calendar said no for good, the user decides.
    world.emu.advance(24 * HOUR);
    allow();
    world.emu.advance(2 * HOUR);
    const creates = world.vendor.requests().filter((r) => r.method === 'POST' && r.path === '/conferences');
    expect(creates).toHaveLength(2); // the meeting's own, and the one new conference Calendar refused
    expect(uncarried(world, [eventId])).toEqual([]);
  });

  it('asks to wait (backend error): the unused new conference goes through the gate, the next check puts a working one on', async () => {
    const { eventId, conferenceId, allow } = await lostWhileCalendarRefuses('Backend Error');
    world.emu.advance(HOUR);
    allow();
    world.emu.advance(2 * HOUR);
    const now = world.emu.calendar.peek(CAL, eventId)!.conferenceData!.conferenceId!;
    expect(now).not.toBe(conferenceId);
    expect(world.vendor.conference(now)?.deleted).toBeUndefined();
    expect(uncarried(world, [eventId])).toEqual([]);
  });

  it('and the meeting is deleted meanwhile: nothing is left at the vendor', async () => {
    const { eventId, allow } = await lostWhileCalendarRefuses();
    world.emu.advance(2 * HOUR);
    allow();
    world.emu.calendar.deleteEvent(CAL, eventId);
    world.settle();
    world.emu.advance(2 * HOUR);
    expect(world.vendor.conferences().filter((c) => !(c as { deleted?: boolean }).deleted)).toEqual([]);
  });

  it('the event card says so and its one button puts the new meeting on the event', async () => {
    // Calendar refuses the write-back once (a 403 that is not a rate limit).
    const { eventId, conferenceId, allow } = await lostWhileCalendarRefuses();
    world.emu.advance(2 * HOUR);
    allow();
    expect(world.emu.calendar.peek(CAL, eventId)!.conferenceData!.conferenceId).toBe(conferenceId);
    const card = call(world as World<VendorApp | ZoomApp>, 'onEventOpen', {
      calendar: { calendarId: CAL, id: eventId },
    });
    expect(text(card)).toContain('Calendar did not let the add-on put it on the event');
    const fix = cardActions(card as never).find((a) => a.text === 'Put the new meeting on the event')!;
    const response = call(world as World<VendorApp | ZoomApp>, fix.functionName!, {
      commonEventObject: { parameters: fix.parameters },
    });
    expect(JSON.stringify(response)).toContain('is on the event');
    const newId = world.emu.calendar.peek(CAL, eventId)!.conferenceData!.conferenceId!;
    expect(newId).not.toBe(conferenceId);
    expect(world.vendor.conference(newId)?.deleted).toBeUndefined();
  });
});
