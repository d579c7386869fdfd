import {
  AUDIT_HORIZON_MS,
  decideRepair,
  dueChecks,
  heldFingerprint,
  MASS_MISSING,
  tooManyMissing,
  triage,
} from '../../../src/audit/compare';
import type { SyncedFields } from '../../../src/calendar/syncedFields';
import {
  deleted,
  newCarrier,
  newRecord,
  updateSent,
  vendorInStep,
  vendorLost,
} from '../../../src/conference/lifecycle';
import type { VendorSnapshot } from '../../../src/vendor/port';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);
const HOUR = 3600_000;
const min = (ms: number) => Math.floor(ms / 60_000);

function meeting(id: string, startMs: number, series = false) {
  return newRecord({
    conferenceId: id,
    solutionId: 'acme-web',
    carriers: [
      newCarrier(1, `e-${id}`, { startMin: min(startMs), endMin: series ? null : min(startMs + HOUR) }),
    ],
  });
}

describe('which meetings the hourly run checks', () => {
  it('every meeting starting within 14 days, never checked or checked a day ago; none past or beyond', () => {
    const records = [
      meeting('past', NOW - HOUR),
      meeting('soon', NOW + 3 * HOUR),
      meeting('week', NOW + 7 * 24 * HOUR),
      meeting('far', NOW + AUDIT_HORIZON_MS + HOUR),
    ];
    expect(dueChecks(records, NOW).map((t) => t.conferenceId)).toEqual(['soon', 'week']);
    const checked = records.map((r) =>
      r.conferenceId === 'soon' || r.conferenceId === 'week' ? vendorInStep(r, 'x', NOW - 2 * HOUR) : r,
    );
    // On its day a meeting is checked every hour; further out once a day.
    expect(dueChecks(checked, NOW).map((t) => t.conferenceId)).toEqual(['soon']);
    // A day later 'week' is due again, and 'far' has come within the 14 days.
    expect(dueChecks(checked, NOW + 22 * HOUR).map((t) => t.conferenceId)).toEqual(['week', 'far']);
  });

  it('a send keeps the schedule but forgets what the vendor held; a tombstone forgets the check', () => {
    const inStep = vendorInStep(updateSent(meeting('week', NOW + 7 * 24 * HOUR), 'h1'), 'fp', NOW - 2 * HOUR);
    // The same fields acknowledged again: what the vendor held at the check still holds.
    expect(updateSent(inStep, 'h1')).toMatchObject({
      checkedMin: min(NOW - 2 * HOUR),
      checkedFingerprint: 'fp',
    });
    // Other fields sent, or the vendor lost it: an answer like the old one is no longer "in step".
    for (const changed of [updateSent(inStep, 'h2'), vendorLost(inStep)]) {
      expect(changed.checkedMin).toBe(min(NOW - 2 * HOUR));
      expect(changed.checkedFingerprint).toBeUndefined();
      expect(dueChecks([changed], NOW)).toEqual([]); // checked 2 h ago, a week out: not due (as before)
    }
    const tomb = deleted(inStep, NOW);
    expect([tomb.checkedMin, tomb.checkedFingerprint]).toEqual([undefined, undefined]);
  });

  it('leaves queued, refused, lost, unconfirmed and shared conferences to the sync', () => {
    const one = meeting('shared', NOW + HOUR);
    const shared = {
      ...one,
      carriers: [...one.carriers, newCarrier(2, 'other', { startMin: min(NOW + HOUR) })],
    };
    const records = [
      { ...meeting('q', NOW + HOUR), state: 'queued-update' as const },
      { ...meeting('r', NOW + HOUR), state: 'refused' as const },
      { ...meeting('l', NOW + HOUR), state: 'lost' as const },
      { ...meeting('u', NOW + HOUR), unconfirmed: true },
      shared,
      meeting('series', NOW - 100 * 24 * HOUR, true),
    ];
    expect(dueChecks(records, NOW).map((t) => t.conferenceId)).toEqual(['series']);
  });
});

describe('what a read leads to', () => {
  const fields: SyncedFields = {
    title: 'Planning',
    start: { dateTime: '2026-11-24T10:00:00Z' },
    end: { dateTime: '2026-11-24T11:00:00Z' },
    attendees: ['bob@example.com'],
    recurrence: [],
  };
  const held: VendorSnapshot = { ...fields, conference: { id: 'c1', joinUrl: 'https://x/j/c1' } };
  const event = {
    id: 'e1',
    summary: 'Planning',
    start: { dateTime: '2026-11-24T10:00:00Z' },
    end: { dateTime: '2026-11-24T11:00:00Z' },
    attendees: [{ email: 'bob@example.com' }],
    conferenceData: { conferenceId: 'c1' },
  };
  const same = (f: SyncedFields) => f;

  it('the same answer as at the last check needs no event read; 401/403 block; failures wait', () => {
    expect(triage({ kind: 'applied', value: held }, heldFingerprint(held))).toMatchObject({
      kind: 'in-step',
    });
    expect(triage({ kind: 'applied', value: held }, 'other')).toBe('read-event');
    expect(triage({ kind: 'already-gone' }, undefined)).toBe('read-event');
    expect(triage({ kind: 'unauthorized', detail: '' }, undefined)).toEqual({
      kind: 'blocked',
      reason: 'unauthorized',
    });
    expect(triage({ kind: 'refused', reason: 'forbidden', detail: '' }, undefined)).toEqual({
      kind: 'blocked',
      reason: 'forbidden',
    });
    expect(triage({ kind: 'unreachable', detail: '' }, undefined)).toEqual({ kind: 'ask-later' });
  });

  it('Calendar wins: gone -> re-create with the event fields; other time -> resend; event changed -> the sync', () => {
    expect(decideRepair({ kind: 'already-gone' }, 'c1', event, same)).toMatchObject({ kind: 'recreate' });
    const moved = { ...held, start: { dateTime: '2026-11-24T12:00:00Z' } };
    expect(decideRepair({ kind: 'applied', value: moved }, 'c1', event, same)).toMatchObject({
      kind: 'resend',
      aspects: ['time'],
      fields: { start: fields.start },
    });
    expect(decideRepair({ kind: 'applied', value: held }, 'c1', event, same)).toMatchObject({
      kind: 'in-step',
    });
    expect(decideRepair({ kind: 'already-gone' }, 'c1', { ...event, status: 'cancelled' }, same)).toEqual({
      kind: 'not-carried',
    });
    expect(decideRepair({ kind: 'already-gone' }, 'c1', undefined, same)).toEqual({ kind: 'not-carried' });
  });

  it('a vendor missing most meetings at once is not trusted', () => {
    const recreate = { kind: 'recreate' as const, fields };
    const inStep = { kind: 'in-step' as const, fingerprint: 'x' };
    expect(tooManyMissing(Array(MASS_MISSING).fill(recreate))).toBe(true);
    expect(tooManyMissing([...Array(MASS_MISSING).fill(recreate), ...Array(20).fill(inStep)])).toBe(false);
    expect(tooManyMissing(Array(MASS_MISSING - 1).fill(recreate))).toBe(false);
  });
});
