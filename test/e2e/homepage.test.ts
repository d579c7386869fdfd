import { cardActions, cardText } from '../../emulator/cards/inspect';
import { at, CAL, type CardsWorld, createCardsWorld } from './cardsWorld';

/*
 * Issue 23, part 1: the homepage is the user's meetings. On the built bundle in the emulator: the
 * coming week's meetings with our conference, from every watched calendar, in time order, each with
 * its time in the user's zone (commonEventObject.timeZone.id), its title and a Join button that
 * opens the conference's VIDEO entry point; a meeting under repair is marked and opens its event card.
 *
 * How the add-on reads them (Calendar API v3 "Events: list", developers.google.com/calendar/api/v3/
 * reference/events/list), one call per watched calendar:
 * - singleEvents: "Whether to expand recurring events into instances and only return single one-off
 *   events and instances of recurring events, but not the underlying recurring events themselves.";
 * - orderBy "startTime": "Order by the start date/time (ascending). This is only available when
 *   querying single events (i.e. the parameter singleEvents is True)";
 * - timeMin: "Lower bound (exclusive) for an event's end time to filter by." (a meeting under way is
 *   listed); timeMax: "Upper bound (exclusive) for an event's start time to filter by. ... If timeMin
 *   is set, timeMax must be greater than timeMin."
 */

const TEAM = 'team@group.calendar.google.com';
/** Monday 23 Nov 2026, 09:00 UTC: 04:00 in New York, the user's zone. */
const ZONE = 'America/New_York';

let world: CardsWorld;
afterEach(() => world?.close());

const text = (card: unknown) => cardText(card as never);

/** A meeting with our conference, created and saved the way a user does, in either calendar. */
function meetingAt(calendarId: string, summary: string, startIso: string, minutes = 30) {
  const eventId = world.emu.ui.newEventId();
  const added = world.emu.ui.addConference({ calendarId, eventId, solutionId: 'acme-web' });
  if (!added.ok) throw new Error(`conference not created: ${JSON.stringify(added.error)}`);
  const end = new Date(Date.parse(startIso) + minutes * 60_000).toISOString();
  world.emu.ui.saveEvent(calendarId, eventId, { summary, start: at(startIso), end: at(end) });
  world.emu.settle();
  return { eventId, conferenceId: added.conferenceData.conferenceId as string };
}

/** The Join links on a card, by the title of their meeting row. */
function joinLinks(card: unknown): Record<string, string | undefined> {
  const rows = cardActions(card as never);
  const links: Record<string, string | undefined> = {};
  rows.forEach((row, i) => {
    const next = rows[i + 1];
    if (row.functionName === 'onOpenMeeting' && next?.text === 'Join') links[row.text] = next.url;
  });
  return links;
}

function twoCalendarsOfMeetings(calendar?: NonNullable<Parameters<typeof createCardsWorld>[0]>['calendar']) {
  world = createCardsWorld({ userTimeZone: ZONE, userLocale: 'en-US', ...(calendar ? { calendar } : {}) });
  world.emu.calendar.addCalendar(TEAM);
  const m = {
    review: meetingAt(CAL, 'Design review', '2026-11-26T15:00:00Z'), // Thu 10:00 in New York
    late: meetingAt(CAL, 'Late call', '2026-11-24T03:00:00Z'), // Mon 22:00 in New York: today
    standup: meetingAt(CAL, 'Standup', '2026-11-23T15:00:00Z'), // Mon 10:00
    team: meetingAt(TEAM, 'Team sync', '2026-11-23T14:00:00Z'), // Mon 09:00, the other calendar
    planning: meetingAt(TEAM, 'Planning', '2026-11-24T16:00:00Z'), // Tue 11:00
    past: meetingAt(CAL, 'Already over', '2026-11-23T07:00:00Z'), // ended before now
    nextMonth: meetingAt(CAL, 'Next month', '2026-12-15T15:00:00Z'), // beyond the coming week
  };
  world.emu.calendar.putEvent(CAL, {
    summary: 'Lunch (no meeting)',
    start: at('2026-11-23T17:00:00Z'),
    end: at('2026-11-23T18:00:00Z'),
  });
  return m;
}

describe('the homepage: the user’s meetings (issue 23, built bundle)', () => {
  it('lists the week’s meetings of both calendars in time order, with time in the user’s zone, title and Join', () => {
    const m = twoCalendarsOfMeetings();
    const before = world.emu.meter.snapshot();
    const hub = world.call('onHomepage');
    // One Events.list per watched calendar, and no other Calendar read.
    const calendarCalls = Object.entries(world.emu.meter.since(before)).filter(([k]) =>
      k.startsWith('calendar.'),
    );
    expect(calendarCalls).toEqual([['calendar.events.list', 2]]);
    const lines = text(hub).split('\n');
    const from = lines.indexOf('Today');
    expect(lines.slice(from, from + 19)).toEqual([
      'Today',
      '9:00 AM',
      'Team sync',
      'Join',
      '10:00 AM',
      'Standup',
      'Join',
      '10:00 PM',
      'Late call',
      'Join',
      'Tomorrow',
      '11:00 AM',
      'Planning',
      'Join',
      'Later this week',
      'Thu 10:00 AM',
      'Design review',
      'Join',
      'Sync',
    ]);
    expect(text(hub)).toContain('All meetings up to date');
    expect(text(hub)).not.toMatch(/Already over|Next month|Lunch/);
    const join = (id: string) => `https://conference.example.com/j/${id}`;
    expect(joinLinks(hub)).toEqual({
      'Team sync': join(m.team.conferenceId),
      Standup: join(m.standup.conferenceId),
      'Late call': join(m.late.conferenceId),
      Planning: join(m.planning.conferenceId),
      'Design review': join(m.review.conferenceId),
    });
    // Each link is the conference's VIDEO entry point on the event.
    const video = world.emu.calendar
      .peek(TEAM, m.team.eventId)
      ?.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video');
    expect(video?.uri).toBe(join(m.team.conferenceId));
  });

  it('a meeting under repair is marked, and opens its event card', () => {
    const m = twoCalendarsOfMeetings();
    // The vendor fails: the renamed meeting's change waits to be sent (the add-on repairs it).
    world.vendor.faults.set({ mode: 'http500' });
    world.emu.calendar.editEvent(CAL, m.review.eventId, { summary: 'Design review (v2)' });
    world.emu.settle();
    const hub = world.call('onHomepage');
    const lines = text(hub).split('\n');
    const row = lines.indexOf('Design review (v2)');
    expect(lines[row + 1]).toBe('Being repaired. Open for details.');
    expect(lines.filter((l) => l === 'Being repaired. Open for details.')).toHaveLength(1);
    expect(text(hub)).toContain('1 change waits for Acme to answer. It is sent automatically.');
    const card = world.click(hub, 'Design review (v2)');
    expect(JSON.stringify(card)).toContain('pushCard');
    expect(text(card)).toContain('Design review (v2)');
    expect(text(card)).toContain(`https://conference.example.com/j/${m.review.conferenceId}`);
    expect(text(card)).toMatch(/could not be reached just now|waiting to be sent/);
  });

  it('a meeting whose change the vendor refused is marked too', () => {
    const m = twoCalendarsOfMeetings();
    world.vendor.faults.set({ mode: 'http403' });
    world.emu.calendar.editEvent(TEAM, m.planning.eventId, { summary: 'Planning (refused)' });
    world.emu.settle();
    world.vendor.faults.clear();
    const lines = text(world.call('onHomepage')).split('\n');
    expect(lines[lines.indexOf('Planning (refused)') + 1]).toBe(
      'Acme refused the latest change. Open for details.',
    );
    expect(lines).toContain('1 change could not be sent to Acme. Open Sync details to try again.');
  });

  it('a short page with more to come (Google: "may be less than this value, or none at all") is followed', () => {
    // Calendar answers the homepage's query with pages of at most 2 entries.
    twoCalendarsOfMeetings({ pageSize: () => 2 });
    const before = world.emu.meter.get('calendar.events.list');
    const t = text(world.call('onHomepage'));
    for (const title of ['Team sync', 'Standup', 'Late call', 'Planning', 'Design review'])
      expect(t).toContain(title);
    // ada's week holds 4 entries (2 pages; lunch has no meeting), team's 2 (1 page): 3 calls.
    expect(world.emu.meter.get('calendar.events.list') - before).toBe(3);
  });

  it('a calendar Calendar cannot list just now leaves the others’ meetings on the homepage', () => {
    twoCalendarsOfMeetings();
    world.emu.calendar.deleteCalendar(TEAM);
    const t = text(world.call('onHomepage'));
    expect(t).toContain('Standup');
    expect(t).not.toContain('Team sync');
    expect(t).toContain(`${TEAM} could not be read just now. Refresh to try again.`);
  });
});
