import { cardActions, cardText } from '../../emulator/cards/inspect';
import { at, CAL, type CardsWorld, createCardsWorld, meeting } from './cardsWorld';

/** Each card action, end to end on the built bundle (dist/Code.js) in the emulator. */

let world: CardsWorld;
afterEach(() => world?.close());

const text = (card: unknown) => cardText(card as never);
const names = (card: unknown) => cardActions(card as never).map((a) => a.text);

describe('sync details (one level below the homepage) on the bundle', () => {
  it('shows nothing synced before the first meeting, and each calendar after', () => {
    world = createCardsWorld();
    expect(text(world.call('onHomepage'))).toContain('No calendar is synced yet');
    expect(text(world.syncDetails())).toContain('No calendar is synced yet');
    meeting(world);
    expect(text(world.call('onHomepage'))).toContain('All meetings up to date');
    const card = world.syncDetails();
    expect(text(card)).toContain(CAL);
    expect(text(card)).toContain('Everything is up to date');
    expect(text(card)).toContain('1 meeting kept up to date');
    expect(names(card)).toEqual(
      expect.arrayContaining([
        'Sync now',
        'Check all events again',
        'Stop syncing this calendar…',
        'Settings',
      ]),
    );
  });

  it('"Sync now" sends a pending change and says so', () => {
    world = createCardsWorld();
    const { eventId, conferenceId } = meeting(world);
    world.vendorCalls();
    // The user edits the title, but the trigger has not run yet (no settle).
    world.emu.calendar.editEvent(CAL, eventId, { summary: 'Planning (moved)' });
    const response = world.click(world.syncDetails(), 'Sync now');
    expect(world.vendorCalls()).toEqual([`PATCH /conferences/${conferenceId} 200`]);
    expect(world.vendor.conference(conferenceId)?.title).toBe('Planning (moved)');
    expect(text(response)).toContain('Checked. Everything is up to date.');
  });

  it('"Sync now" with the vendor down: changes wait, the card says so in plain words', () => {
    world = createCardsWorld();
    const { eventId, conferenceId } = meeting(world);
    world.vendor.faults.set({ mode: 'http500' });
    world.emu.calendar.editEvent(CAL, eventId, { summary: 'Planning v2' });
    world.emu.settle();
    expect(text(world.call('onHomepage'))).toContain(
      '1 change waits for Acme to answer. It is sent automatically.',
    );
    const card = world.syncDetails();
    expect(text(card)).toContain('1 meeting update waiting to be sent to Acme');
    expect(text(card)).toContain('Next try: at the next change in your calendar or the hourly check');
    expect(text(card)).not.toContain('in a moment');
    world.vendor.faults.clear();
    world.vendorCalls();
    world.emu.clock.advance(10 * 60_000);
    const response = world.click(card, 'Sync now');
    expect(world.vendorCalls()).toContain(`PATCH /conferences/${conferenceId} 200`);
    expect(text(response)).not.toContain('waiting to be sent');
  });

  it('"Check all events again" re-reads the whole calendar and sends nothing that is already up to date', () => {
    world = createCardsWorld();
    meeting(world);
    world.vendorCalls();
    const response = world.click(world.syncDetails(), 'Check all events again');
    expect(world.vendorCalls()).toEqual([]);
    expect(text(response)).toContain('Everything was checked again.');
  });

  it('"Stop syncing" asks first; Cancel changes nothing; confirming removes the trigger and state', () => {
    world = createCardsWorld();
    meeting(world);
    const calendarTriggers = () =>
      world.emu.triggers.list().filter((t) => t.eventType === 'ON_EVENT_UPDATED');
    expect(calendarTriggers()).toHaveLength(1);
    const confirm = world.click(world.syncDetails(), 'Stop syncing this calendar…');
    expect(text(confirm)).toContain('Stop syncing this calendar?');
    expect(text(confirm)).toContain('will no longer reach Acme');
    const cancelled = world.click(confirm, 'Cancel');
    expect(JSON.stringify(cancelled)).toContain('popCard');
    expect(calendarTriggers()).toHaveLength(1);

    const done = world.click(confirm, 'Stop syncing');
    expect(text(done)).toContain(`Stopped syncing ${CAL}.`);
    expect(text(done)).toContain('No calendar is synced yet');
    expect(calendarTriggers()).toHaveLength(0);
    const keys = [...world.emu.properties.stores.user.keys()];
    expect(keys.filter((k) => /^[crndsq]:/.test(k))).toEqual([]);
  });

  it('"Dismiss these messages" clears the list of changes that could not be sent', () => {
    world = createCardsWorld();
    const { eventId } = meeting(world);
    world.vendor.faults.set({ mode: 'http403' });
    world.emu.calendar.editEvent(CAL, eventId, { summary: 'Refused' });
    world.emu.settle();
    world.vendor.faults.clear();
    expect(text(world.call('onHomepage'))).toContain('1 change could not be sent to Acme. Open Sync details');
    const card = world.syncDetails();
    expect(text(card)).toContain('Could not be sent (1)');
    // The meeting is named by its event's title (looked up when the card is drawn).
    expect(text(card)).toMatch(/Updating "Refused" \(.*\): Acme did not allow this change\./);
    const after = world.click(card, 'Dismiss these messages');
    expect(text(after)).not.toContain('Could not be sent');
  });

  it('"Try again" sends refused updates and removals again once the vendor accepts them', () => {
    world = createCardsWorld();
    const a = meeting(world, 'A');
    const b = meeting(world, 'B');
    world.vendor.faults.set({ mode: 'http403' });
    world.emu.calendar.editEvent(CAL, a.eventId, { summary: 'A renamed' });
    world.emu.calendar.deleteEvent(CAL, b.eventId);
    world.emu.settle();
    world.vendor.faults.clear();
    const card = world.syncDetails();
    expect(text(card)).toContain('Could not be sent (2)');
    expect(text(card)).toContain('Updating "A renamed"');
    expect(text(card)).toContain('Removing the meeting of "B"');
    world.vendorCalls();
    const after = world.click(card, 'Try again');
    expect(text(after)).not.toContain('Could not be sent');
    expect(world.vendorCalls().sort()).toEqual(
      [`PATCH /conferences/${a.conferenceId} 200`, `DELETE /conferences/${b.conferenceId} 204`].sort(),
    );
    expect(world.vendor.conference(a.conferenceId)?.title).toBe('A renamed');
  });
});

describe('event card on the bundle', () => {
  const open = (eventId: string) => world.call('onEventOpen', { calendar: { calendarId: CAL, id: eventId } });

  it('shows the meeting id, join link, what the vendor has, and that it is up to date', () => {
    world = createCardsWorld();
    const { eventId, conferenceId } = meeting(world, 'Design review');
    const card = open(eventId);
    const t = text(card);
    expect(t).toContain('Design review');
    expect(t).toContain(conferenceId);
    expect(t).toContain(`https://conference.example.com/j/${conferenceId}`);
    expect(t).toContain('Acme has the latest title, time and guests.');
    expect(t).toContain('Nov 24, 2026, 10:00 AM');
    expect(t).toContain('1 guest');
    expect(names(card)).toEqual(expect.arrayContaining(['Join meeting', 'Resend to Acme']));
  });

  it('"Resend to Acme" sends the event\'s current fields again, even when nothing changed', () => {
    world = createCardsWorld();
    const { eventId, conferenceId } = meeting(world);
    world.vendorCalls();
    const response = world.click(open(eventId), 'Resend to Acme');
    expect(world.vendorCalls()).toEqual([
      `GET /conferences/${conferenceId} 200`,
      `PATCH /conferences/${conferenceId} 200`,
      `GET /conferences/${conferenceId} 200`,
    ]);
    const patch = world.vendor.requests().find((r) => r.method === 'PATCH');
    expect(patch?.body).toEqual({
      title: 'Planning',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
      attendees: ['bob@example.com'],
      recurrence: [],
    });
    expect(text(response)).toContain('Sent to Acme.');
    // Nothing is left pending: the next trigger run sends nothing.
    world.emu.calendar.editEvent(CAL, eventId, { description: 'notes' });
    world.emu.settle();
    expect(world.vendorCalls().filter((c) => !c.startsWith('GET'))).toEqual([]);
  });

  it('a change that could not be sent shows why, and Resend fixes it once the vendor accepts', () => {
    world = createCardsWorld();
    const { eventId, conferenceId } = meeting(world);
    world.vendor.faults.set({ mode: 'http403', count: 1 });
    world.emu.calendar.editEvent(CAL, eventId, { summary: 'Planning (final)' });
    world.emu.settle();
    const card = open(eventId);
    expect(text(card)).toContain('Your latest changes could not be sent to Acme.');
    expect(text(card)).toContain('Acme did not allow this change.');
    const response = world.click(card, 'Resend to Acme');
    expect(text(response)).toContain('Sent to Acme.');
    expect(world.vendor.conference(conferenceId)?.title).toBe('Planning (final)');
    expect(text(response)).toContain('Acme has the latest title, time and guests.');
  });

  it('Resend while another sync holds the lock changes nothing and says so; pressed again, it sends', () => {
    // A button's change is made under the sync's own lock and saved by that run (cardSync's intent):
    // a press that cannot get the lock leaves the stored state as it was.
    world = createCardsWorld();
    const { eventId, conferenceId } = meeting(world);
    world.vendorCalls();
    const card = open(eventId);
    const before = new Map(world.emu.properties.stores.user);
    world.emu.locks.holdUserLockExternally();
    expect(text(world.click(card, 'Resend to Acme'))).toContain('A sync is running right now');
    expect(world.vendorCalls().filter((c) => !c.startsWith('GET'))).toEqual([]);
    // Nothing stored changed (a request that the holder sync the calendar again may be added).
    const after = new Map(world.emu.properties.stores.user);
    expect([...before].every(([key, value]) => after.get(key) === value)).toBe(true);
    world.emu.locks.releaseExternal();
    expect(text(world.click(open(eventId), 'Resend to Acme'))).toContain('Sent to Acme.');
    expect(world.vendorCalls()).toContain(`PATCH /conferences/${conferenceId} 200`);
  });

  it('an event without our meeting says so', () => {
    world = createCardsWorld();
    const ev = world.emu.calendar.service.Events.insert(
      { summary: 'Lunch', start: at('2026-11-24T12:00:00Z'), end: at('2026-11-24T13:00:00Z') },
      CAL,
    );
    expect(text(open(ev.id as string))).toContain('This event has no Acme meeting.');
  });
});

describe('settings card on the bundle', () => {
  it('shows the vendor address (never the key) and tests the connection', () => {
    world = createCardsWorld();
    const settings = world.click(world.call('onHomepage'), 'Settings');
    expect(text(settings)).toContain('https://conference.example.com/');
    expect(JSON.stringify(settings)).not.toContain('cards-test-key');
    const tested = world.click(settings, 'Test connection');
    expect(text(tested)).toMatch(/Connected\. Acme answered in \d+\.\d s\./);
    expect(world.vendorCalls()).toEqual(['GET /conferences/connection-test 404']);
  });

  it('a wrong key is reported as not accepted', () => {
    world = createCardsWorld({
      scriptProperties: {
        CONFERENCE_API_BASE_URL: 'https://conference.example.com/',
        CONFERENCE_API_KEY: 'wrong',
      },
    });
    const tested = world.click(world.call('onShowSettings'), 'Test connection');
    expect(text(tested)).toContain('Acme did not accept the key or sign-in.');
  });

  it('a missing configuration names the property for the administrator', () => {
    world = createCardsWorld({ scriptProperties: {} });
    expect(text(world.call('onHomepage'))).toContain('Not set up yet');
    const settings = world.call('onShowSettings');
    expect(text(settings)).toContain(
      'Missing Script Properties: CONFERENCE_API_BASE_URL, CONFERENCE_API_KEY',
    );
    expect(names(settings)).not.toContain('Test connection');
  });
});
