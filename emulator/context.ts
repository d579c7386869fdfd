import { SimClock } from './clock';
import { Meter } from './meter';

/**
 * Simulated latency per metered call kind, in milliseconds. Numbers are round figures in the range
 * Apps Script users report; what matters for the benchmark is that they are fixed and documented.
 * A kind not listed costs `default`.
 */
export const DEFAULT_LATENCY_MS: Record<string, number> = {
  'calendar.events.list': 150,
  'calendar.events.get': 80,
  'calendar.events.insert': 150,
  'calendar.events.patch': 150,
  'calendar.events.update': 150,
  'calendar.events.remove': 120,
  'calendar.events.instances': 150,
  'urlfetch.roundtrip': 200,
  'properties.read': 20,
  'properties.write': 30,
  'lock.acquire': 5,
  'triggers.create': 150,
  'triggers.list': 50,
  'triggers.delete': 100,
  'cache.op': 5,
  default: 1,
};

/**
 * What every emulated service needs from the emulator. Each metered service call goes through
 * `call(kind)`: it checks the current execution may still run (a stopped execution throws again
 * at every call, as Apps Script would have killed it), counts the call in the meter and advances
 * simulated time by the latency model.
 */
export interface ServiceContext {
  readonly clock: SimClock;
  readonly meter: Meter;
  call(kind: string, latencyMs?: number): void;
}

/** A context with no execution model: counts and advances time only. For the emulator's own unit tests. */
export function simpleContext(
  clock = new SimClock(),
  meter = new Meter(),
  latency: Record<string, number> = DEFAULT_LATENCY_MS,
): ServiceContext {
  return {
    clock,
    meter,
    call(kind: string, latencyMs?: number) {
      meter.count(kind);
      clock.advance(latencyMs ?? latency[kind] ?? latency.default ?? 0);
    },
  };
}
