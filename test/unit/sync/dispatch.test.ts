import type { HttpRequest, HttpResult } from '../../../src/platform/ports';
import { UserState } from '../../../src/state/userState';
import { dispatch, emptyStats, type VendorHealth, type VendorWork } from '../../../src/sync/dispatch';
import { VendorClient } from '../../../src/vendor/client';
import { MemoryStore, record } from '../helpers';

function setup(answer: (r: HttpRequest) => HttpResult) {
  const sent: HttpRequest[] = [];
  let now = 1_000_000;
  const clock = {
    now: () => now,
    sleep: (ms: number) => {
      now += ms;
    },
  };
  const vendor = new VendorClient(
    { baseUrl: 'https://v.example/', apiKey: 'k' },
    {
      fetchAll: (reqs) => {
        sent.push(...reqs);
        return reqs.map(answer);
      },
    },
  );
  const cal = UserState.load(new MemoryStore()).calendar('c@example.com');
  const health: VendorHealth = { up: false, down: false };
  const log = { info() {}, warn() {}, error() {} };
  const ctx = {
    cal,
    vendor,
    calendar: {} as never,
    clock,
    log,
    deadline: now + 270_000,
    reserveMs: 20_000,
    health,
    stats: emptyStats(),
  };
  return { ctx, sent, cal, health };
}

const fields = { title: 't', start: null, end: null, attendees: [], recurrence: [] };
const patches = (n: number, cal: ReturnType<typeof setup>['cal']): VendorWork[] =>
  Array.from({ length: n }, (_, i) => {
    const r = record({ conferenceId: `c${i}`, eventId: `e${i}` });
    cal.put(r);
    return { op: 'patch', record: r, fields, hash: `h${i}` };
  });
const down: HttpResult = { kind: 'network-error', message: 'Address unavailable' };
const ok = (r: HttpRequest): HttpResult => ({
  kind: 'response',
  status: 200,
  headers: {},
  body: JSON.stringify({ id: r.url.split('/').pop(), joinUrl: 'https://v.example/j' }),
});

describe('dispatching vendor calls', () => {
  it('when every call fails, retries with one probe call instead of resending everything, then queues', () => {
    const { ctx, sent, cal, health } = setup(() => down);
    dispatch(ctx, patches(10, cal));
    expect(sent).toHaveLength(10 + 2); // the batch, then two probes (1 s and 2 s later)
    expect(health.down).toBe(true);
    expect(cal.allRecords().every((r) => r.pending === 'P' && r.attempts === 1)).toBe(true);
    expect(ctx.stats.queued).toBe(10);
    dispatch(ctx, patches(3, cal)); // later in the same run: queued without another call
    expect(sent).toHaveLength(12);
  });

  it('when the probe succeeds, sends the rest at once', () => {
    let calls = 0;
    const { ctx, sent, cal, health } = setup((r) => (++calls <= 5 ? down : ok(r)));
    dispatch(ctx, patches(5, cal));
    expect(sent).toHaveLength(5 + 1 + 4);
    expect(health.up).toBe(true);
    expect(cal.allRecords().every((r) => r.pending === '' && r.sentHash.startsWith('h'))).toBe(true);
  });

  it('retries only the failed ones when some calls succeed', () => {
    let calls = 0;
    const { ctx, sent, cal } = setup((r) => (++calls === 2 ? down : ok(r)));
    dispatch(ctx, patches(4, cal));
    expect(sent.map((r) => r.url.split('/').pop())).toEqual(['c0', 'c1', 'c2', 'c3', 'c1']);
    expect(ctx.stats.patches).toBe(4);
  });
});
