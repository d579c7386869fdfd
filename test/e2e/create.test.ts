import { at, createWorld, userProps, type World } from './world';

const CAL = 'alice@example.com';

describe('creating a conference (onCreateFunction on the built bundle)', () => {
  let world: World;
  afterEach(() => world.close());

  it('returns ConferenceData with the join link, dial-in with PIN, passcode and parameters marking it ours', async () => {
    world = await createWorld();
    const eventId = world.emu.ui.newEventId();
    const result = world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-recorded' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const cd = result.conferenceData;
    const conference = world.vendor.conferences()[0]!;
    expect(cd.conferenceId).toBe(conference.id);
    // The name and icon come from the id the add-on passed to setConferenceSolutionId (ConferenceDataBuilder:
    // "must be specified and populates conference's name and iconUrl values"), not from the function that ran.
    expect(cd.conferenceSolution).toMatchObject({
      key: { type: 'addOn' },
      name: 'Acme Meeting (recorded)',
      iconUri: 'https://www.gstatic.com/images/icons/material/system/1x/videocam_black_48dp.png',
    });
    const video = cd.entryPoints?.find((e) => e.entryPointType === 'video');
    const phone = cd.entryPoints?.find((e) => e.entryPointType === 'phone');
    expect(video).toMatchObject({ uri: conference.joinUrl, passcode: conference.passcode });
    expect(phone?.uri).toBe(`tel:${conference.phone!.number.replace(/[^\d+]/g, '')}`);
    expect(phone?.pin).toBe(conference.phone!.pin);
    expect(phone?.regionCode).toBe('US');
    expect(cd.parameters?.addOnParameters?.parameters).toEqual({
      createdBy: 'acme-calendar-addon',
      solutionId: 'acme-recorded',
    });
    expect(conference).toMatchObject({
      calendarId: CAL,
      eventId,
      solutionId: 'acme-recorded',
      recorded: true,
    });
  });

  it('sends what is known when the event already exists', async () => {
    world = await createWorld();
    const event = world.emu.calendar.putEvent(CAL, {
      summary: 'Review',
      start: at('2026-11-25T15:00:00Z'),
      end: at('2026-11-25T16:00:00Z'),
      attendees: [{ email: 'Bob@example.com' }, { email: 'carol@example.com' }],
    });
    world.emu.ui.addConference({ calendarId: CAL, eventId: event.id!, solutionId: 'acme-web' });
    expect(world.vendor.conferences()[0]).toMatchObject({
      title: 'Review',
      attendees: ['bob@example.com', 'carol@example.com'],
      start: at('2026-11-25T15:00:00Z'),
    });
    world.settle();
    expect(world.takeVendorCalls()).toEqual(['POST /conferences 201']); // nothing more to send
  });

  it('a retried create (same calendar, event, solution) never makes a second conference', async () => {
    world = await createWorld();
    const eventId = world.emu.ui.newEventId();
    world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
    world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
    const [conference] = world.vendor.conferences();
    // The replay (200) is checked to be live before it is handed back.
    expect(world.takeVendorCalls()).toEqual([
      'POST /conferences 201',
      'POST /conferences 200',
      `GET /conferences/${conference!.id} 200`,
    ]);
    expect(world.vendor.conferences()).toHaveLength(1);
  });

  it('missing configuration: PERMANENT error, a log line naming the property, and no HTTP call', async () => {
    world = await createWorld({
      scriptProperties: { CONFERENCE_API_BASE_URL: 'https://conference.example.com/' },
    });
    const result = world.emu.ui.addConference({
      calendarId: CAL,
      eventId: world.emu.ui.newEventId(),
      solutionId: 'acme-web',
    });
    expect(result).toMatchObject({ ok: false, error: { conferenceErrorType: 'PERMANENT' } });
    expect(world.emu.urlFetch.requests).toHaveLength(0);
    expect(world.emu.logs.map((l) => l.message).join('\n')).toContain(
      'Missing Script Property: CONFERENCE_API_KEY',
    );
  });

  it('a base URL outside https or the manifest whitelist is refused before any request', async () => {
    for (const url of ['http://conference.example.com/', 'https://elsewhere.example.net/']) {
      world = await createWorld({
        scriptProperties: { CONFERENCE_API_BASE_URL: url, CONFERENCE_API_KEY: 'k' },
      });
      const result = world.emu.ui.addConference({
        calendarId: CAL,
        eventId: world.emu.ui.newEventId(),
        solutionId: 'acme-web',
      });
      expect(result).toMatchObject({ ok: false, error: { conferenceErrorType: 'PERMANENT' } });
      expect(world.emu.urlFetch.requests).toHaveLength(0);
      await world.close();
    }
    world = await createWorld();
  });

  it.each([
    // ConferenceError reference: "If the error type is AUTHENTICATION, the add-on must provide a URL".
    // A refused API key has no sign-in URL: PERMANENT (the administrator must fix the key).
    ['http401', 'PERMANENT'],
    ['http403', 'PERMISSION_DENIED'],
    ['http500', 'TEMPORARY'],
    ['http429', 'TEMPORARY'],
    ['down', 'TEMPORARY'],
    ['garbage', 'PERMANENT'],
  ])('vendor fault %s becomes a %s ConferenceError, never a throw', async (mode, expected) => {
    world = await createWorld();
    if (mode === 'http401') {
      await world.close();
      world = await createWorld({
        scriptProperties: {
          CONFERENCE_API_BASE_URL: 'https://conference.example.com/',
          CONFERENCE_API_KEY: 'wrong',
        },
      });
    } else world.vendor.faults.set({ mode: mode as never, retryAfterSeconds: 1 });
    const result = world.emu.ui.addConference({
      calendarId: CAL,
      eventId: world.emu.ui.newEventId(),
      solutionId: 'acme-web',
    });
    expect(result).toMatchObject({ ok: false, error: { conferenceErrorType: expected } });
    expect(world.emu.logs.some((l) => l.message.includes('conference not created'))).toBe(true);
    expect(world.emu.logs.map((l) => l.message).join('\n')).not.toContain('test-key-not-a-secret');
    if (mode === 'http401') {
      expect(world.emu.logs.map((l) => l.message).join('\n')).toContain(
        'PERMANENT, not AUTHENTICATION, because an API key has no sign-in URL',
      );
    }
  });

  it('watches each calendar the user can edit with exactly one trigger, however many conferences, and takes a sync token', async () => {
    world = await createWorld();
    for (let i = 0; i < 3; i++) {
      world.emu.ui.addConference({
        calendarId: CAL,
        eventId: world.emu.ui.newEventId(),
        solutionId: 'acme-web',
      });
    }
    world.emu.ui.addConference({
      calendarId: 'team@group.calendar.google.com',
      eventId: world.emu.ui.newEventId(),
      solutionId: 'acme-web',
    });
    const calendarTriggers = world.emu.triggers.list().filter((t) => t.eventType === 'ON_EVENT_UPDATED');
    // The calendars with a conference, and every other calendar the user can edit (a copy may land
    // there: it gets its own conference); a calendar they can only read is never watched.
    expect(calendarTriggers.map((t) => [t.handler, t.sourceId]).sort()).toEqual([
      ['syncEvents', CAL],
      ['syncEvents', 'team@group.calendar.google.com'],
      ['syncEvents', 'user@example.com'],
    ]);
    const metas = Object.entries(userProps(world))
      .filter(([k]) => k.startsWith('c:'))
      .map(([, v]) => JSON.parse(v));
    expect(metas).toHaveLength(3);
    const listed = metas.filter((m) => m.id !== 'user@example.com'); // the third is listed by its first run
    expect(listed.every((m) => typeof m.token === 'string' && m.token.length > 0)).toBe(true);
    expect(new Set(listed.map((m) => m.token)).size).toBe(2); // each calendar has its own token
  });

  it('with the trigger quota full the conference is still returned and the problem recorded and logged', async () => {
    world = await createWorld();
    // Use up the quota (20 per user per script) with triggers made the way a script would: one per
    // calendar, since an add-on has one trigger of each type per user (emulator: oneTriggerPerType).
    const ScriptApp = world.emu.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
    world.emu.exec.run(
      'filler',
      () => {
        for (let i = 0; ScriptApp.getProjectTriggers().length < 20; i++)
          ScriptApp.newTrigger('filler').forUserCalendar(`filler${i}@example.com`).onEventUpdated().create();
      },
      { kind: 'editor' },
    );
    const result = world.emu.ui.addConference({
      calendarId: CAL,
      eventId: world.emu.ui.newEventId(),
      solutionId: 'acme-web',
    });
    expect(result.ok).toBe(true);
    const problem = Object.entries(userProps(world)).find(([k]) => k.startsWith('s:'));
    expect(problem?.[1]).toContain('too many triggers');
    expect(
      world.emu.logs.some(
        (l) => l.level === 'error' && l.message.includes('trigger for calendar could not be created'),
      ),
    ).toBe(true);
  });
});
