import { rruleOf, type ZoomRecurrence } from '../src/vendor/adapters/zoomMapping';
import type { EventDateTime } from './app';
import { DEFAULT_CLI_PATH, type StartVendorOptions, startVendorWorker, type VendorHandle } from './worker';
import type { ZoomMeeting } from './zoomApp';

/**
 * Which reference server and which build of the add-on go together, for tools that play a story
 * against either vendor (`npm start -- --vendor zoom` can use `startVendor('zoom', ...)` and
 * `VENDOR_TARGETS.zoom.bundlePath`). `--tools` builds both servers and both bundles.
 */
export type VendorKind = 'acme' | 'zoom';

export const VENDOR_TARGETS: Record<VendorKind, { cliPath: string; bundlePath: string }> = {
  acme: { cliPath: DEFAULT_CLI_PATH, bundlePath: 'dist/Code.js' },
  zoom: { cliPath: 'build/vendor-server/zoomCli.js', bundlePath: 'build/variants/zoom/Code.js' },
};

/** The reference server for `kind` in a worker thread (see worker.ts), with the same admin endpoints. */
export function startVendor(
  kind: VendorKind,
  options: Omit<StartVendorOptions, 'cliPath'>,
): Promise<VendorHandle> {
  return startVendorWorker({ ...options, cliPath: VENDOR_TARGETS[kind].cliPath });
}

/** What a Zoom meeting holds, in the Acme server's field names (for checks written against those). */
export interface NeutralConference {
  id: string;
  joinUrl: string;
  title: string | null;
  start: EventDateTime | null;
  end: EventDateTime | null;
  attendees: string[];
  recurrence: string[];
}

export function neutralMeeting(m: ZoomMeeting): NeutralConference {
  const startMs = m.start_time ? Date.parse(m.start_time) : Number.NaN;
  const zone = m.timezone ? { timeZone: m.timezone } : {};
  const at = (ms: number): EventDateTime => ({ dateTime: new Date(ms).toISOString(), ...zone });
  return {
    id: String(m.id),
    joinUrl: m.join_url,
    title: m.topic,
    start: Number.isFinite(startMs) ? at(startMs) : null,
    end: Number.isFinite(startMs) ? at(startMs + (m.duration ?? 0) * 60000) : null,
    attendees: m.settings.meeting_invitees.map((i) => i.email),
    recurrence: m.recurrence ? [rruleOf(m.recurrence as ZoomRecurrence)] : [],
  };
}
