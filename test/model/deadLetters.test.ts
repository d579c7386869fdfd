import { API_KEY, createModelWorld, type ModelWorld } from './world';

/**
 * Permanent vendor failures are not part of the convergence property (nothing can converge while
 * the vendor refuses): each must end as a dead letter in the user's properties, with the reason,
 * and must not be retried forever. Checked for every permanent kind and for PATCH and DELETE.
 */
const CAL = 'user@example.com';
const at = (iso: string) => ({ dateTime: iso, timeZone: 'UTC' });
type Permanent = 'http403' | 'garbage' | 'bad-key';

interface Letter {
  op: string;
  conferenceId?: string;
  reason: string;
  /** The problem kind (the sync decides on kinds, never on status codes or text). */
  problem?: string;
}

function deadLetters(world: ModelWorld): Letter[] {
  const out: Letter[] = [];
  for (const [key, value] of world.emu.properties.stores.user) {
    if (key.startsWith('d:')) out.push(...(JSON.parse(value) as { list: Letter[] }).list);
  }
  return out;
}

function setUp(): { world: ModelWorld; eventId: string; conferenceId: string } {
  const world = createModelWorld({ seed: 3 });
  const eventId = world.emu.ui.newEventId();
  const added = world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
  if (!added.ok) throw new Error('no conference');
  world.emu.ui.saveEvent(CAL, eventId, {
    summary: 'Review',
    start: at('2026-12-01T10:00:00Z'),
    end: at('2026-12-01T11:00:00Z'),
  });
  world.emu.settle();
  world.emu.advance(5 * 60_000);
  return { world, eventId, conferenceId: added.conferenceData.conferenceId! };
}

function breakVendor(world: ModelWorld, kind: Permanent): void {
  if (kind === 'bad-key') world.emu.properties.stores.script.set('CONFERENCE_API_KEY', `${API_KEY}-revoked`);
  else world.vendor.faults.set({ mode: kind });
}

// 'garbage' (a 200 whose body is an HTML page) only for PATCH: the add-on takes any 2xx to a DELETE
// as done and reads no body (the contract's answer is 204 with none). See test/model/README.md.
const cases: Array<[Permanent, 'update' | 'delete']> = [
  ['http403', 'update'],
  ['http403', 'delete'],
  ['garbage', 'update'],
  ['bad-key', 'update'],
  ['bad-key', 'delete'],
];
const PROBLEM: Record<Permanent, string> = {
  http403: 'forbidden',
  garbage: 'bad-answer',
  'bad-key': 'unauthorized',
};

describe('permanent vendor failures', () => {
  it.each(cases)('%s on a %s ends as a dead letter, visible and not retried forever', (kind, op) => {
    const { world, eventId, conferenceId } = setUp();
    try {
      breakVendor(world, kind);
      const before = world.vendor.requests().length;
      if (op === 'update') world.emu.calendar.editEvent(CAL, eventId, { summary: 'Review (moved)' });
      else world.emu.ui.removeConference(CAL, eventId);
      world.emu.settle();
      for (let i = 0; i < 24; i++) {
        world.emu.advance(3600_000);
        world.emu.settle();
      }
      const letters = deadLetters(world);
      expect(letters).toEqual([
        expect.objectContaining({
          op,
          conferenceId,
          problem: PROBLEM[kind],
          reason: expect.stringMatching(/\S/),
        }),
      ]);
      // Tried once (plus nothing in later runs): a dead letter is not a retry loop.
      const calls = world.vendor
        .requests()
        .slice(before)
        .filter((r) => r.path.includes(conferenceId));
      expect(calls).toHaveLength(1);
    } finally {
      world.emu.close();
    }
  });
});
