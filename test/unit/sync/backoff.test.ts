import { inlineDelayMs, QUEUED_MAX_MS, queuedDelayMs } from '../../../src/sync/backoff';
import { coalesce, type VendorWork } from '../../../src/sync/dispatch';
import { record } from '../helpers';

describe('backoff schedule', () => {
  it('doubles inside a run and honours a longer Retry-After', () => {
    expect([1, 2, 3].map((a) => inlineDelayMs(a))).toEqual([1000, 2000, 4000]);
    expect(inlineDelayMs(1, 5000)).toBe(5000);
  });

  it('doubles across runs from one minute, capped at an hour', () => {
    expect([1, 2, 3, 4].map((a) => queuedDelayMs(a))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(queuedDelayMs(50)).toBe(QUEUED_MAX_MS);
    expect(queuedDelayMs(1, 600_000)).toBe(600_000);
  });
});

describe('outbox coalescing', () => {
  const fields = { title: 't', start: null, end: null, attendees: [], recurrence: [] };
  const patch = (id: string, hash: string): VendorWork => ({
    op: 'patch',
    record: record({ conferenceId: id }),
    fields,
    hash,
  });
  const del = (id: string): VendorWork => ({
    op: 'delete',
    record: record({ conferenceId: id }),
    reason: 'x',
  });

  it('keeps the latest PATCH per conference', () => {
    expect(coalesce([patch('a', '1'), patch('a', '2')]).map((w) => w.op === 'patch' && w.hash)).toEqual([
      '2',
    ]);
  });

  it('lets a DELETE supersede pending PATCHes and drops PATCHes after it', () => {
    expect(coalesce([patch('a', '1'), del('a'), patch('a', '3')]).map((w) => w.op)).toEqual(['delete']);
  });

  it('keeps different conferences apart', () => {
    expect(coalesce([patch('a', '1'), del('b')]).length).toBe(2);
  });
});
