import type { VendorSnapshot as HeldSnapshot, VendorPort } from '../vendor/port';
import type { VendorView } from './status';

/**
 * Read-only questions the cards ask the vendor through the port: what it holds for a conference,
 * and whether a connection works. Neither changes anything at the vendor. The cards get named
 * kinds, mapped here from the port's outcome kinds; no status code or message is read.
 */

export function lookupConference(port: VendorPort, conferenceId: string): VendorView {
  const [outcome] = port.send([{ op: 'lookup', conferenceId }]);
  switch (outcome?.kind) {
    case 'applied':
      return heldView(outcome.value as HeldSnapshot);
    case 'already-gone':
      return { kind: 'missing' };
    case 'unauthorized':
      return { kind: 'unauthorized' };
    case 'refused':
      return outcome.reason === 'forbidden'
        ? { kind: 'unauthorized' }
        : { kind: 'unavailable', reason: outcome.reason };
    default:
      return { kind: 'unavailable', reason: outcome?.kind ?? 'unreachable' };
  }
}

/** A vendor's read as the cards show it: the fields, the options and the passcode. */
export function heldView(snapshot: HeldSnapshot): VendorView {
  const { conference, ...fields } = snapshot;
  return {
    kind: 'ok',
    conference: { ...fields, ...(conference.passcode ? { passcode: conference.passcode } : {}) },
  };
}

export type ConnectionTest =
  | { ok: true; ms: number }
  | {
      ok: false;
      problem: 'unreachable' | 'rejected' | 'forbidden' | 'vendor-error';
      detail: string;
      ms: number;
    };

/** The port's connection test, timed, as the settings card words it. */
export function testConnection(port: VendorPort, now: () => number): ConnectionTest {
  const started = now();
  const outcome = port.testConnection();
  const ms = Math.max(0, now() - started);
  switch (outcome.kind) {
    case 'applied':
      return { ok: true, ms };
    case 'unreachable':
      return { ok: false, problem: 'unreachable', detail: outcome.detail, ms };
    case 'unauthorized':
      return { ok: false, problem: 'rejected', detail: outcome.detail, ms };
    case 'refused':
      return outcome.reason === 'forbidden'
        ? { ok: false, problem: 'forbidden', detail: outcome.detail, ms }
        : { ok: false, problem: 'vendor-error', detail: outcome.detail, ms };
    case 'retry-later':
      return { ok: false, problem: 'vendor-error', detail: outcome.detail, ms };
    default:
      return { ok: false, problem: 'vendor-error', detail: 'unexpected answer', ms };
  }
}
