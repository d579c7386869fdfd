import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSharedClock } from '../../vendor-server/sharedClock';
import { startVendorWorker } from '../../vendor-server/worker';

/**
 * The reference server in a worker thread can run on its host's simulated clock (the playground's):
 * a conference created after the host moved the clock carries the host's time, not the wall clock.
 */
it('stamps conferences with the clock its host shares, as the host moves it', async () => {
  const clock = createSharedClock(Date.UTC(2030, 0, 1, 9, 0));
  const vendor = await startVendorWorker({
    apiKey: 'k',
    dataFile: join(mkdtempSync(join(tmpdir(), 'shared-clock-')), 'c.json'),
    clock: clock.buffer,
  });
  try {
    clock.set(Date.UTC(2030, 0, 1, 10, 30));
    const res = await fetch(`${vendor.url}/conferences`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json', 'idempotency-key': 'a' },
      body: JSON.stringify({ calendarId: 'c', eventId: 'e', solutionId: 's' }),
    });
    expect(res.status).toBe(201);
    const [conference] = await vendor.conferences();
    expect(conference.updatedAt).toBe('2030-01-01T10:30:00.000Z');
  } finally {
    await vendor.close();
  }
});
