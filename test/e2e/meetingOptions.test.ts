import {
  type AnyWorld,
  CAL,
  carriesOptions,
  click,
  heldOptions,
  meetingWithGuests,
  openEvent,
  sectionLines,
  worldOf,
  writesSince,
} from './optionsWorld';
import { at, createWorld } from './world';

/**
 * Meeting options in the event card (issue 23), on the built bundle against each reference vendor:
 * a change reaches the vendor in one request and the card shows it again; the options belong to the
 * vendor, so a later title, time or guest change is synced without them, and the hourly audit
 * leaves them alone.
 */

const OPTIONS = 'Meeting options';
const HOUR = 3_600_000;

describe.each(['acme', 'zoom'] as const)('%s: meeting options in the event card', (kind) => {
  let world: AnyWorld;
  afterEach(() => world.close());

  it('shows what the vendor holds, the organisation default among it (waiting room on)', async () => {
    world = await worldOf(kind);
    const { eventId } = meetingWithGuests(world);
    const lines = sectionLines(openEvent(world, eventId), OPTIONS);
    expect(lines.map((l) => l.label)).toEqual([
      'Passcode',
      'Waiting room',
      'Guests can join before the host',
      'Mute guests when they join',
      'Record automatically',
      'Guest',
      'Guest',
    ]);
    expect(lines.find((l) => l.label === 'Waiting room')?.text).toBe('On');
    expect(lines.find((l) => l.label === 'Passcode')?.text).toMatch(/^On: \S+$/);
    expect(lines.filter((l) => l.label === 'Guest').map((l) => l.text)).toEqual([
      'bob@example.com',
      'carol@example.com',
    ]);
  });

  it('a change reaches the vendor in one request, and reopening the card shows it', async () => {
    world = await worldOf(kind);
    const { eventId, conferenceId } = meetingWithGuests(world);
    const from = world.vendor.requests().length;
    const answer = click(world, openEvent(world, eventId), OPTIONS, 'Mute guests when they join');
    const writes = writesSince(world, from);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ method: 'PATCH' });
    expect(writes[0]!.body).toEqual(
      kind === 'zoom' ? { settings: { mute_upon_entry: true } } : { options: { muteOnEntry: true } },
    );
    expect(heldOptions(world, conferenceId).muteOnEntry).toBe(true);
    expect(JSON.stringify(answer)).toContain('Saved at Acme.');
    const again = sectionLines(openEvent(world, eventId), OPTIONS);
    expect(again.find((l) => l.label === 'Mute guests when they join')).toMatchObject({
      text: 'On',
      button: { text: 'Turn off' },
    });
  });

  it('alternative hosts are chosen from the guests, the whole list in one request', async () => {
    world = await worldOf(kind);
    const { eventId, conferenceId } = meetingWithGuests(world);
    click(world, openEvent(world, eventId), OPTIONS, 'Guest', 'carol@example.com');
    expect(heldOptions(world, conferenceId).alternativeHosts).toEqual(['carol@example.com']);
    const from = world.vendor.requests().length;
    click(world, openEvent(world, eventId), OPTIONS, 'Guest', 'bob@example.com');
    expect(writesSince(world, from)).toHaveLength(1);
    expect(heldOptions(world, conferenceId).alternativeHosts).toEqual([
      'carol@example.com',
      'bob@example.com',
    ]);
    const lines = sectionLines(openEvent(world, eventId), OPTIONS).filter(
      (l) => l.label === 'Alternative host',
    );
    expect(lines.map((l) => l.text)).toEqual(['bob@example.com', 'carol@example.com']);
  });

  it('a later title, time and guest change is synced without the options, and none is reset', async () => {
    world = await worldOf(kind);
    const { eventId, conferenceId } = meetingWithGuests(world);
    click(world, openEvent(world, eventId), OPTIONS, 'Mute guests when they join');
    click(world, openEvent(world, eventId), OPTIONS, 'Guest', 'bob@example.com');
    const chosen = heldOptions(world, conferenceId);
    const from = world.vendor.requests().length;
    world.emu.calendar.editEvent(CAL, eventId, {
      summary: 'Design review (moved)',
      start: at('2026-11-24T14:00:00Z'),
      end: at('2026-11-24T15:00:00Z'),
      attendees: [{ email: 'bob@example.com' }, { email: 'dave@example.com' }],
    });
    world.settle();
    const writes = writesSince(world, from);
    expect(writes.map((w) => w.method)).toEqual(['PATCH']);
    expect(carriesOptions(writes[0]!.body)).toBe(false);
    expect(heldOptions(world, conferenceId)).toEqual(chosen);
  });

  it('the hourly audit repairs a meeting moved at the vendor without touching its options', async () => {
    world = await worldOf(kind);
    const { eventId, conferenceId } = meetingWithGuests(world);
    world.emu.advance(HOUR); // the first hourly run checks it
    click(world, openEvent(world, eventId), OPTIONS, 'Record automatically');
    const chosen = heldOptions(world, conferenceId);
    world.vendor.vendorSide.moveConference(conferenceId, '2026-11-24T15:00:00Z', '2026-11-24T16:00:00Z');
    const from = world.vendor.requests().length;
    world.emu.advance(2 * HOUR);
    const writes = writesSince(world, from);
    expect(writes.length).toBeGreaterThan(0); // the audit sent the event's time back
    expect(writes.some((w) => carriesOptions(w.body))).toBe(false);
    expect(heldOptions(world, conferenceId)).toEqual(chosen);
  });

  // CalendarEventActionResponseBuilder.setConferenceData: "Specifies that the response should set the
  // indicated conference data to the Calendar event when the associated UI action is taken."
  it('the passcode turned off and on again: the event shows what the vendor answered', async () => {
    world = await worldOf(kind);
    const { eventId, conferenceId } = meetingWithGuests(world);
    const video = () =>
      world.emu.calendar
        .peek(CAL, eventId)!
        .conferenceData!.entryPoints!.find((e) => e.entryPointType === 'video')!;
    const off = click(world, openEvent(world, eventId), OPTIONS, 'Passcode');
    expect(world.emu.ui.applyEventAction(CAL, eventId, off)).toMatchObject({ ok: true });
    expect(heldOptions(world, conferenceId).passcode).toBeNull();
    expect(video().passcode).toBeUndefined();
    const on = click(world, openEvent(world, eventId), OPTIONS, 'Passcode');
    expect(world.emu.ui.applyEventAction(CAL, eventId, on)).toMatchObject({ ok: true });
    const passcode = heldOptions(world, conferenceId).passcode;
    expect(passcode).toMatch(/^\S+$/);
    expect(video().passcode).toBe(passcode);
    const cd = world.emu.calendar.peek(CAL, eventId)!.conferenceData!;
    expect(cd.conferenceId).toBe(conferenceId);
    expect(cd.conferenceSolution?.name).toBe('Acme Meeting');
    expect(cd.parameters?.addOnParameters?.parameters).toMatchObject({ createdBy: 'acme-calendar-addon' });
    expect(cd.entryPoints?.filter((e) => e.entryPointType === 'phone')).toHaveLength(3);
    const card = sectionLines(openEvent(world, eventId), OPTIONS);
    expect(card.find((l) => l.label === 'Passcode')?.text).toBe(`On: ${passcode}`);
  });

  it('over real HTTP (the reference server in its own process on 127.0.0.1): one request, and the vendor holds it', async () => {
    world =
      kind === 'zoom' ? await createWorld({ vendor: 'zoom', http: true }) : await createWorld({ http: true });
    const { eventId } = meetingWithGuests(world);
    const remote = world.remote!;
    const before = (await remote.requests()).length;
    click(world, openEvent(world, eventId), OPTIONS, 'Guests can join before the host');
    const writes = (await remote.requests()).slice(before).filter((r) => r.method !== 'GET');
    expect(writes.map((r) => r.method)).toEqual(['PATCH']);
    const [held] = await remote.conferences();
    const joinBeforeHost =
      kind === 'zoom'
        ? (held as unknown as { settings: { join_before_host: boolean } }).settings.join_before_host
        : (held as { options: { joinBeforeHost: boolean } }).options.joinBeforeHost;
    expect(joinBeforeHost).toBe(true);
  });
});
