/**
 * Apps Script entry points. Every exported function here becomes a top-level function in
 * dist/Code.js (the build generates the stubs), which is how Apps Script finds manifest callbacks
 * and trigger handlers. This is the only file that names entry points; everything else is plain
 * TypeScript with the services passed in.
 */
import { buildHomepageCard } from './cards/homepageCard';
import { createConference, initializeSyncing as initialize } from './conference/createConference';
import { appsScriptServices, conferenceDataFactory } from './platform/appsScript';
import { UserState } from './state/userState';
import { calendarStatuses } from './status/status';
import { runSync } from './sync/runSync';
import { RETRY_HANDLER, SYNC_HANDLER } from './triggers/triggers';

/** Handlers passed to ScriptApp.newTrigger: the build fails if one has no top-level function. */
export const TRIGGER_HANDLERS = [SYNC_HANDLER, RETRY_HANDLER];

/** The manifest's urlFetchWhitelist, injected by esbuild.config.mjs from appsscript.json. */
declare const __URL_FETCH_WHITELIST__: string[];
const WHITELIST: readonly string[] = __URL_FETCH_WHITELIST__;

/** conferenceSolution "acme-web". */
export function createWebConference(arg: unknown) {
  return createConference(appsScriptServices(), conferenceDataFactory, WHITELIST, 'acme-web', arg as never);
}

/** conferenceSolution "acme-recorded". */
export function createRecordedConference(arg: unknown) {
  return createConference(
    appsScriptServices(),
    conferenceDataFactory,
    WHITELIST,
    'acme-recorded',
    arg as never,
  );
}

/** Makes sure the calendar has its EventUpdated trigger and a sync token. */
export function initializeSyncing(calendarId: string) {
  return initialize(appsScriptServices(), WHITELIST, calendarId);
}

/** EventUpdated trigger handler: e = {calendarId, authMode, triggerUid}. */
export function syncEvents(e?: { calendarId?: string }) {
  const calendarIds = typeof e?.calendarId === 'string' && e.calendarId !== '' ? [e.calendarId] : undefined;
  return runSync(appsScriptServices(), WHITELIST, {
    reason: 'calendar change',
    ...(calendarIds ? { calendarIds } : {}),
  });
}

/** Time-based trigger: retries queued vendor calls and continues checkpointed syncs. */
export function retryPendingSync(e?: { triggerUid?: string }) {
  const services = appsScriptServices();
  if (e?.triggerUid) {
    try {
      services.triggers.remove(e.triggerUid); // one-shot trigger: a new one is scheduled if needed
    } catch {
      // already removed
    }
  }
  return runSync(services, WHITELIST, {
    reason: 'retry',
    onlyPending: true,
    ...(e?.triggerUid ? { firedTrigger: e.triggerUid } : {}),
  });
}

/** Homepage trigger: sync status of every watched calendar. */
export function onHomepage() {
  const services = appsScriptServices();
  return buildHomepageCard(calendarStatuses(UserState.load(services.userStore)));
}

/** eventOpenTrigger (manifest). */
export function onEventOpen() {
  return onHomepage();
}

/** createSettingsUrlFunction (manifest). */
export function createSettingsUrl() {
  return 'https://conference.example.com/settings';
}
