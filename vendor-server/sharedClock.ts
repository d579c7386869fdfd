/**
 * A clock one thread sets and another reads: how the playground gives the reference vendor server (in
 * a worker thread, see worker.ts) the emulator's simulated time, as the model test's in-process world
 * does with `createVendorApp({ now })`. Without it the server stamps conferences with the wall clock
 * while the add-on reads the simulated one, and a fresh meeting's card says "Last updated in about 29
 * minutes". One 64-bit cell of shared memory: the host stores, the worker loads, no message needed
 * (the host thread is blocked in UrlFetchApp while the worker answers, so it could not reply to one).
 */
export interface SharedClock {
  /** Handed to the worker (workerData.clock). */
  buffer: SharedArrayBuffer;
  set(ms: number): void;
  now(): number;
}

export function createSharedClock(startMs: number): SharedClock {
  const buffer = new SharedArrayBuffer(8);
  const cell = new BigInt64Array(buffer);
  const clock = {
    buffer,
    set: (ms: number) => {
      Atomics.store(cell, 0, BigInt(Math.round(ms)));
    },
    now: () => Number(Atomics.load(cell, 0)),
  };
  clock.set(startMs);
  return clock;
}

/** The reading side, in the worker. */
export function readSharedClock(buffer: SharedArrayBuffer): () => number {
  const cell = new BigInt64Array(buffer);
  return () => Number(Atomics.load(cell, 0));
}
