import { CalendarEmulator } from '../../../emulator/calendar/calendarEmulator';
import { addOnConference, CAL, setup, thrown, timed } from './helpers';

describe('Calendar.Events resource basics', () => {
  it('an inserted event has Google-like kind, id, quoted etag, RFC 3339 created/updated from the sim clock and sequence 0', () => {
    const { Calendar, ctx } = setup();
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'primary');
    expect(ev.kind).toBe('calendar#event');
    expect(ev.id).toMatch(/^[a-v0-9]{26}$/);
    expect(ev.etag).toMatch(/^"\d+"$/);
    expect(ev.status).toBe('confirmed');
    expect(ev.created).toBe(new Date(ctx.clock.now()).toISOString());
    expect(ev.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(ev.sequence).toBe(0);
    expect(ev.iCalUID).toBe(`${ev.id}@google.com`);
    expect(ev.htmlLink).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/);
  });

  it('generated ids are deterministic, so runs are reproducible', () => {
    const a = setup().Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'primary');
    const b = setup().Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'primary');
    expect(a.id).toBe(b.id);
    expect(setup({ seed: 7 }).Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'primary').id).not.toBe(
      a.id,
    );
  });

  it('a caller-supplied id is honoured when valid, rejected with 400 when not, 409 when taken', () => {
    const { Calendar } = setup();
    expect(Calendar.Events.insert(timed('2026-11-24T10:00:00Z', 60, { id: 'abc123vv' }), 'primary').id).toBe(
      'abc123vv',
    );
    const bad = thrown(() =>
      Calendar.Events.insert(timed('2026-11-24T10:00:00Z', 60, { id: 'Not_Valid!' }), 'primary'),
    );
    expect(bad.details.code).toBe(400);
    expect(bad.details.errors[0].reason).toBe('invalid');
    const dup = thrown(() =>
      Calendar.Events.insert(timed('2026-11-24T10:00:00Z', 60, { id: 'abc123vv' }), 'primary'),
    );
    expect(dup.details.code).toBe(409);
  });

  it('returns deep copies, never internal objects', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(
      timed('2026-11-24T10:00:00Z', 60, { attendees: [{ email: 'a@x.com' }] }),
      'primary',
    );
    ev.attendees![0].email = 'mutated@x.com';
    ev.start!.dateTime = '2000-01-01T00:00:00Z';
    const again = Calendar.Events.get('primary', ev.id!);
    expect(again.attendees![0].email).toBe('a@x.com');
    expect(again.start!.dateTime).toBe('2026-11-24T10:00:00Z');
  });

  it('the etag changes on every modification', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'primary');
    const p1 = Calendar.Events.patch({ summary: 'x' }, 'primary', ev.id!);
    const p2 = Calendar.Events.patch({ summary: 'x' }, 'primary', ev.id!);
    expect(new Set([ev.etag, p1.etag, p2.etag]).size).toBe(3);
    expect(Date.parse(p2.updated!)).toBeGreaterThan(Date.parse(ev.updated!));
  });

  it('sequence bumps when the time changes but not when the description changes', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'primary');
    expect(Calendar.Events.patch({ description: 'agenda' }, 'primary', ev.id!).sequence).toBe(0);
    const moved = Calendar.Events.patch(
      timed('2026-11-24T12:00:00Z', 30, { summary: undefined }),
      'primary',
      ev.id!,
    );
    expect(moved.sequence).toBe(1);
    expect(moved.description).toBe('agenda');
  });

  it('get of an unknown id fails with 404 Not Found, thrown the Apps Script way', () => {
    const { Calendar } = setup();
    const err = thrown(() => Calendar.Events.get('primary', 'doesnotexist1'));
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe('API call to calendar.events.get failed with error: Not Found');
    expect(err.details).toEqual({
      code: 404,
      message: 'Not Found',
      errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }],
    });
  });

  it('get of a deleted event returns it with status cancelled', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z', 60, { description: 'd' }), 'primary');
    Calendar.Events.remove('primary', ev.id!);
    const got = Calendar.Events.get('primary', ev.id!);
    expect(got.status).toBe('cancelled');
    expect(got.description).toBe('d');
  });

  it('removing an already deleted event fails with 410 deleted', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'primary');
    Calendar.Events.remove('primary', ev.id!);
    const err = thrown(() => Calendar.Events.remove('primary', ev.id!));
    expect(err.details.code).toBe(410);
    expect(err.details.errors[0].reason).toBe('deleted');
  });

  it('If-Match with a stale etag fails with 412 Precondition Failed; the current etag succeeds', () => {
    const { Calendar, emu } = setup();
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'primary');
    emu.editEvent(CAL, ev.id!, { summary: 'changed in the UI' });
    const err = thrown(() =>
      Calendar.Events.update({ ...ev, summary: 'mine' }, 'primary', ev.id!, {}, { 'If-Match': ev.etag! }),
    );
    expect(err.message).toBe('API call to calendar.events.update failed with error: Precondition Failed');
    expect(err.details.code).toBe(412);
    expect(err.details.errors[0].reason).toBe('conditionNotMet');
    const fresh = Calendar.Events.get('primary', ev.id!);
    const ok = Calendar.Events.patch({ summary: 'mine' }, 'primary', ev.id!, {}, { 'if-match': fresh.etag! });
    expect(ok.summary).toBe('mine');
  });

  it('conferenceData is ignored unless conferenceDataVersion=1', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(
      timed('2026-11-24T10:00:00Z', 60, { conferenceData: addOnConference }),
      'primary',
    );
    expect(ev.conferenceData).toBeUndefined();
    expect(
      Calendar.Events.patch({ conferenceData: addOnConference }, 'primary', ev.id!).conferenceData,
    ).toBeUndefined();
    const withIt = Calendar.Events.patch({ conferenceData: addOnConference }, 'primary', ev.id!, {
      conferenceDataVersion: 1,
    });
    expect(withIt.conferenceData).toEqual(addOnConference);
  });

  // Calendar API EntryPoint (events resource): "A conference can have zero or one video entry point",
  // "zero or more phone entry points", "zero or one sip", "zero or one more entry point. A conference
  // with only a more entry point is not a valid conference"; "toll and toll-free cannot be both set on
  // the same entry point".
  it('conference entry points within the documented limits are stored; others are refused with 400', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'primary');
    const video = addOnConference.entryPoints![0]!;
    const phone = (n: number, features?: string[]) => ({
      entryPointType: 'phone',
      uri: `tel:+1555${n}`,
      pin: '123456',
      regionCode: 'US',
      ...(features ? { entryPointFeatures: features } : {}),
    });
    const more = { entryPointType: 'more', uri: 'https://conference.example.com/dial-in/1' };
    const write = (entryPoints: unknown[]) => () =>
      Calendar.Events.patch(
        { conferenceData: { ...addOnConference, entryPoints } } as never,
        'primary',
        ev.id!,
        { conferenceDataVersion: 1 },
      );
    expect(
      write([video, phone(1, ['toll']), phone(2, ['toll_free']), more])().conferenceData?.entryPoints,
    ).toHaveLength(4);
    for (const bad of [
      [video, video],
      [more],
      [video, more, more],
      [video, phone(3, ['toll', 'toll_free'])],
    ]) {
      expect(thrown(write(bad))).toMatchObject({ details: { code: 400 } });
    }
  });

  it('update without conferenceDataVersion keeps the stored conference; with version 1 and none given removes it', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(
      timed('2026-11-24T10:00:00Z', 60, { conferenceData: addOnConference }),
      'primary',
      {
        conferenceDataVersion: 1,
      },
    );
    const body = timed('2026-11-24T10:00:00Z', 60, { summary: 'renamed' });
    expect(Calendar.Events.update(body, 'primary', ev.id!).conferenceData).toEqual(addOnConference);
    expect(
      Calendar.Events.update(body, 'primary', ev.id!, { conferenceDataVersion: 1 }).conferenceData,
    ).toBeUndefined();
  });

  it('update replaces the whole resource (fields not given are cleared) but keeps id, created and iCalUID', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(
      timed('2026-11-24T10:00:00Z', 60, { description: 'd', location: 'room' }),
      'primary',
    );
    const up = Calendar.Events.update(
      timed('2026-11-24T10:00:00Z', 60, { summary: 'only' }),
      'primary',
      ev.id!,
    );
    expect(up.description).toBeUndefined();
    expect(up.location).toBeUndefined();
    expect([up.id, up.created, up.iCalUID]).toEqual([ev.id, ev.created, ev.iCalUID]);
  });

  it('patch merges nested objects, replaces arrays and removes fields set to null', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(
      timed('2026-11-24T10:00:00Z', 60, {
        description: 'd',
        attendees: [{ email: 'a@x.com' }, { email: 'b@x.com' }],
        extendedProperties: { private: { a: '1' } },
      }),
      'primary',
    );
    const p = Calendar.Events.patch(
      {
        description: null,
        attendees: [{ email: 'c@x.com' }],
        extendedProperties: { private: { b: '2' } },
      } as never,
      'primary',
      ev.id!,
    );
    expect(p.description).toBeUndefined();
    expect(p.attendees).toEqual([{ email: 'c@x.com' }]);
    expect(p.extendedProperties).toEqual({ private: { a: '1', b: '2' } });
  });

  it('a hangoutsMeet createRequest with conferenceDataVersion=1 creates a Meet conference', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(
      timed('2026-11-24T10:00:00Z', 60, {
        conferenceData: {
          createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'hangoutsMeet' } },
        },
      }),
      'primary',
      { conferenceDataVersion: 1 },
    );
    expect(ev.conferenceData?.conferenceSolution?.key?.type).toBe('hangoutsMeet');
    expect(ev.conferenceData?.createRequest?.status?.statusCode).toBe('success');
    expect(ev.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
  });

  it('start and end are required and the range must not be empty (400)', () => {
    const { Calendar } = setup();
    expect(
      thrown(() =>
        Calendar.Events.insert({ summary: 'x', start: { dateTime: '2026-11-24T10:00:00Z' } }, 'primary'),
      ).details.code,
    ).toBe(400);
    const empty = thrown(() =>
      Calendar.Events.insert(
        { start: { dateTime: '2026-11-24T10:00:00Z' }, end: { dateTime: '2026-11-24T09:00:00Z' } },
        'primary',
      ),
    );
    expect(empty.details.errors[0].reason).toBe('timeRangeEmpty');
  });

  it('every service call is metered through ctx.call, admin calls are not', () => {
    const { Calendar, ctx, emu } = setup();
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'primary');
    Calendar.Events.get('primary', ev.id!);
    Calendar.Events.list('primary');
    emu.editEvent(CAL, ev.id!, { summary: 'ui' });
    expect(ctx.meter.snapshot()).toEqual({
      'calendar.events.insert': 1,
      'calendar.events.get': 1,
      'calendar.events.list': 1,
    });
  });

  it('errors thrown by ctx.call (a killed execution) propagate untouched', () => {
    const { ctx } = setup();
    const killed = {
      ...ctx,
      call: () => {
        throw new Error('Exceeded maximum execution time');
      },
    };
    const emu = new CalendarEmulator(killed);
    expect(() => emu.service.Events.list('primary')).toThrow('Exceeded maximum execution time');
  });

  it('more calls per minute than ratePerMinute fail with 403 rateLimitExceeded', () => {
    const { Calendar, ctx } = setup({ ratePerMinute: 3 });
    for (let i = 0; i < 3; i++) Calendar.Events.list('primary');
    const err = thrown(() => Calendar.Events.list('primary'));
    expect(err.details.code).toBe(403);
    expect(err.details.errors[0]).toEqual({
      domain: 'usageLimits',
      reason: 'rateLimitExceeded',
      message: 'Rate Limit Exceeded',
    });
    ctx.clock.advance(60_000);
    expect(() => Calendar.Events.list('primary')).not.toThrow();
  });

  it('"primary" is the user\'s own calendar; other calendars exist once the user creates them', () => {
    const { Calendar, emu } = setup({ userEmail: 'me@corp.com' });
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'primary');
    expect(emu.peek('me@corp.com', ev.id!)?.id).toBe(ev.id);
    // Calendar API errors guide: 404 notFound for a calendar the user cannot access (here: none such).
    expect(thrown(() => Calendar.Events.list('team@corp.com')).details.code).toBe(404);
    emu.addCalendar('team@corp.com');
    expect(Calendar.Events.list('team@corp.com').items).toEqual([]);
    expect(emu.calendars().sort()).toEqual(['me@corp.com', 'team@corp.com']);
  });

  it('onChange fires after every modification, by the API or the admin API, with the calendar id and origin', () => {
    const { Calendar, emu } = setup();
    const seen: string[] = [];
    const origins: string[] = [];
    const off = emu.onChange((id, origin) => {
      seen.push(id);
      origins.push(origin);
    });
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'primary');
    Calendar.Events.patch({ summary: 'x' }, 'primary', ev.id!);
    emu.editEvent(CAL, ev.id!, { summary: 'y' });
    const other = emu.putEvent('team@x.com', timed('2026-11-24T10:00:00Z'));
    emu.deleteEvent('team@x.com', other.id!);
    Calendar.Events.remove('primary', ev.id!);
    Calendar.Events.list('primary');
    expect(seen).toEqual([CAL, CAL, CAL, 'team@x.com', 'team@x.com', CAL]);
    expect(origins).toEqual(['api', 'api', 'user', 'user', 'user', 'api']);
    off();
    emu.putEvent(CAL, timed('2026-11-24T10:00:00Z'));
    expect(seen).toHaveLength(6);
  });

  it('putEvent creates or merges by id like the Calendar UI, accepting add-on conferenceData', () => {
    const { emu } = setup();
    const id = emu.newEventId();
    const created = emu.putEvent(CAL, {
      ...timed('2026-11-24T10:00:00Z'),
      id,
      conferenceData: addOnConference,
    });
    expect(created.id).toBe(id);
    expect(created.conferenceData?.conferenceSolution?.key?.type).toBe('addOn');
    const merged = emu.putEvent(CAL, { id, summary: 'renamed' });
    expect(merged.summary).toBe('renamed');
    expect(merged.conferenceData).toEqual(addOnConference);
    expect(merged.etag).not.toBe(created.etag);
    expect(emu.liveEvents(CAL).map((e) => e.id)).toEqual([id]);
  });
});

/*
 * Events.patch/update/insert, parameter conferenceDataVersion: "Version 1 enables support for copying of
 * ConferenceData as well as for creating new conferences using the createRequest field of
 * conferenceData." Nothing says a client may put a new third-party (add-on) conference id on an event:
 * ASSUMPTION, switch `addOnConferenceWrites` ('accept' by default, or 'refuse').
 */
describe('a client writing an add-on conference (addOnConferenceWrites)', () => {
  const other = (id: string) => ({
    ...addOnConference,
    conferenceId: id,
    entryPoints: [{ entryPointType: 'video', uri: `https://conference.example.com/j/${id}` }],
  });

  it("'accept' (default): a new add-on conference id is stored as given", () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), CAL);
    const patched = Calendar.Events.patch({ conferenceData: other('acme-new') }, CAL, ev.id!, {
      conferenceDataVersion: 1,
    });
    expect(patched.conferenceData?.conferenceId).toBe('acme-new');
  });

  it("'refuse': a new add-on conference id that no event carries answers 400 invalid and changes nothing", () => {
    const { Calendar, emu } = setup({ addOnConferenceWrites: 'refuse' });
    const ev = emu.putEvent(CAL, { ...timed('2026-11-24T10:00:00Z'), conferenceData: addOnConference });
    const err = thrown(() =>
      Calendar.Events.patch({ conferenceData: other('acme-new') }, CAL, ev.id!, { conferenceDataVersion: 1 }),
    );
    expect(err.details).toEqual({
      code: 400,
      message: 'Invalid conference data.',
      errors: [{ domain: 'global', reason: 'invalid', message: 'Invalid conference data.' }],
    });
    expect(emu.peek(CAL, ev.id!)?.conferenceData?.conferenceId).toBe('acme-123');
    expect(
      thrown(() =>
        Calendar.Events.insert({ ...timed('2026-11-25T10:00:00Z'), conferenceData: other('acme-x') }, CAL, {
          conferenceDataVersion: 1,
        }),
      ).details.code,
    ).toBe(400);
  });

  it("'refuse': copying conference data another event carries, or rewriting the event's own conference, is accepted", () => {
    const { Calendar, emu } = setup({ addOnConferenceWrites: 'refuse' });
    const original = emu.putEvent(CAL, { ...timed('2026-11-24T10:00:00Z'), conferenceData: addOnConference });
    const plain = Calendar.Events.insert(timed('2026-11-25T10:00:00Z'), CAL);
    const copied = Calendar.Events.patch({ conferenceData: original.conferenceData }, CAL, plain.id!, {
      conferenceDataVersion: 1,
    });
    expect(copied.conferenceData?.conferenceId).toBe('acme-123');
    const moved = {
      ...addOnConference,
      entryPoints: [{ entryPointType: 'video', uri: 'https://x.example/j/2' }],
    };
    const rewritten = Calendar.Events.patch({ conferenceData: moved }, CAL, original.id!, {
      conferenceDataVersion: 1,
    });
    expect(rewritten.conferenceData?.entryPoints?.[0]?.uri).toBe('https://x.example/j/2');
    const meet = Calendar.Events.patch(
      {
        conferenceData: {
          createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'hangoutsMeet' } },
        },
      },
      CAL,
      plain.id!,
      { conferenceDataVersion: 1 },
    );
    expect(meet.conferenceData?.conferenceSolution?.key?.type).toBe('hangoutsMeet');
  });

  it('the setting can be switched while running', () => {
    const { Calendar, emu } = setup();
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), CAL);
    emu.addOnConferenceWrites = 'refuse';
    const write = () =>
      Calendar.Events.patch({ conferenceData: other('acme-new') }, CAL, ev.id!, { conferenceDataVersion: 1 });
    expect(thrown(write).details.code).toBe(400);
    emu.addOnConferenceWrites = 'accept';
    expect(write().conferenceData?.conferenceId).toBe('acme-new');
  });
});
