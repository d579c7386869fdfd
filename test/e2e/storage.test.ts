import { afterSettle, at, createWorld, meetingWithConference, type World } from './world';

const CALENDARS = ['a@example.com', 'b@example.com', 'c@group.calendar.google.com'];
// `npm test` creates a few hundred conferences, enough for several shards, and checks that the store
// would still fit at 1,500; `npm run soak` runs this file with the full 1,500 (STORAGE_CONFERENCES).
const CONFERENCES = Number(process.env.STORAGE_CONFERENCES ?? 450);
const AT_SCALE = 1500;

describe('stored records stay within Apps Script property limits', () => {
  let world: World;
  afterEach(() => world.close());

  it(`${CONFERENCES} conferences across 3 calendars: sharded values (k:<n>) under 9 KB, store under 500 KB (also at ${AT_SCALE}), pruned once long past`, async () => {
    world = await createWorld({ emulator: { sharedContext: true } });
    const meetings: Array<{ cal: string; eventId: string; conferenceId: string }> = [];
    for (let i = 0; i < CONFERENCES; i++) {
      const cal = CALENDARS[i % 3]!;
      const day = String(1 + (i % 28)).padStart(2, '0');
      const m = meetingWithConference(world, cal, {
        summary: `meeting ${i}`,
        start: at(`2026-12-${day}T10:00:00Z`),
        end: at(`2026-12-${day}T11:00:00Z`),
        attendees: [{ email: `p${i}@example.com` }],
      });
      meetings.push({ cal, ...m });
      if (i % 100 === 99) world.settle();
    }
    world.settle();
    const store = world.emu.properties.stores.user;
    const sizes = [...store.entries()].map(([k, v]) => Buffer.byteLength(k) + Buffer.byteLength(v));
    expect(Math.max(...sizes)).toBeLessThan(9 * 1024);
    expect(store.bytesUsed()).toBeLessThan(500 * 1024);
    // Records grow linearly with conferences: at 1,500 the store must still be under 500 KB.
    expect((store.bytesUsed() / CONFERENCES) * AT_SCALE).toBeLessThan(500 * 1024);
    expect([...store.keys()].filter((k) => k.startsWith('k:')).length).toBeGreaterThan(1);

    // Every record is still found: deleting a meeting deletes its conference.
    const victim = meetings[Math.floor(CONFERENCES / 2)]!;
    world.emu.ui.deleteEvent(victim.cal, victim.eventId);
    afterSettle(world); // a cancelled event may have moved: its conference waits the settle
    expect(world.vendor.conference(victim.conferenceId)?.deleted).toBe(true);

    // Two months later the meetings are long over: their records are pruned on the next run. The clock
    // jumps (1,680 hourly safety-net runs in between would only cost time); the due hourly run fires once.
    const bytesBefore = store.bytesUsed();
    world.emu.clock.advance(70 * 24 * 3600_000);
    world.emu.runDueTimeTriggers();
    for (const cal of CALENDARS)
      world.emu.calendar.putEvent(cal, {
        summary: 'new',
        start: at('2027-02-10T10:00:00Z'),
        end: at('2027-02-10T11:00:00Z'),
      });
    world.settle();
    // The audit's check times are in the records: pruned with them, nothing left to a later run.
    expect(store.bytesUsed()).toBeLessThan(bytesBefore / 10);
    world.emu.advance(3600_000);
    expect(store.bytesUsed()).toBeLessThan(bytesBefore / 10);
  });
});
