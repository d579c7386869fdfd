/**
 * Apps Script entry points. Every exported function here becomes a top-level function in
 * dist/Code.js (the build generates the stubs), which is how Apps Script finds manifest callbacks
 * and trigger handlers. This is the only file that names entry points; everything else is plain
 * TypeScript with the services passed in.
 */
import {
  authModeOf,
  configureOAuthService,
  OAUTH_SERVICE_NAME,
  readOnce,
  signInAwareFactory,
  VendorSignIn,
  withVendorCredential,
} from './auth/vendorAuth';
import { ACTION_NAMES } from './cards/actions';
import * as cards from './cards/controller';
import { createConference, initializeSyncing as initialize } from './conference/createConference';
import { readVendorConfig, settingsUrl } from './config/config';
import { appsScriptServices, conferenceDataFactory } from './platform/appsScript';
import type { Services } from './platform/ports';
import { runSync } from './sync/runSync';
import { RETRY_HANDLER, removeSafetyNet, SAFETY_NET_HANDLER, SYNC_HANDLER } from './triggers/triggers';
import { AcmeAdapter } from './vendor/adapters/acme';

/** Handlers passed to ScriptApp.newTrigger: the build fails if one has no top-level function. */
export const TRIGGER_HANDLERS = [SYNC_HANDLER, RETRY_HANDLER, SAFETY_NET_HANDLER];

/** The manifest's urlFetchWhitelist, injected by esbuild.config.mjs from appsscript.json. */
declare const __URL_FETCH_WHITELIST__: string[];
const WHITELIST: readonly string[] = __URL_FETCH_WHITELIST__;

/** Card action handlers (buttons name them): the build fails if one has no top-level function. */
export const CARD_ACTIONS = [...ACTION_NAMES];

/**
 * How this user reaches the vendor: the API key, or (when CONFERENCE_OAUTH_* is configured) their
 * own sign-in through Google's OAuth2 library (manifest library `OAuth2`). Built once per execution.
 */
let signInCache: { key: string; signIn: VendorSignIn } | undefined;
function vendorSignIn(scriptProperties: Record<string, string>): VendorSignIn {
  const mode = authModeOf(scriptProperties, WHITELIST);
  const key = JSON.stringify(mode);
  if (signInCache?.key === key) return signInCache.signIn;
  const signIn = new VendorSignIn(mode, (config) => {
    if (typeof OAuth2 === 'undefined') throw new Error('the OAuth2 library is missing from the manifest');
    return configureOAuthService(OAuth2.createService(OAUTH_SERVICE_NAME), config, {
      propertyStore: PropertiesService.getUserProperties(),
      cache: CacheService.getUserCache(),
      // Not the user lock: the sync holds that one for a whole run.
      lock: LockService.getScriptLock(),
    });
  });
  signInCache = { key, signIn };
  return signIn;
}

/** The real services, with the user's vendor credential in OAuth mode (unchanged with an API key). */
function services(): Services {
  const base = appsScriptServices();
  const scriptStore = readOnce(base.scriptStore);
  const credentialed = withVendorCredential(scriptStore, vendorSignIn);
  return {
    ...base,
    scriptStore: credentialed,
    vendor: () => new AcmeAdapter(readVendorConfig(credentialed, WHITELIST), base.http, base.clock),
    // Per-user sign-in: a token the vendor refuses is forgotten, so the status card asks to sign in.
    onVendorUnauthorized: () => {
      const signIn = vendorSignIn(scriptStore.getAll());
      if (signIn.mode.kind === 'oauth') signIn.signOut();
    },
  };
}

function addonContext(): cards.AddonContext {
  const base = appsScriptServices();
  const script = readOnce(base.scriptStore);
  const scriptProperties = script.getAll();
  const credentialed = withVendorCredential(script, vendorSignIn);
  return {
    services: {
      ...base,
      scriptStore: credentialed,
      vendor: () => new AcmeAdapter(readVendorConfig(credentialed, WHITELIST), base.http, base.clock),
    },
    whitelist: WHITELIST,
    signIn: vendorSignIn(scriptProperties),
    scriptProperties,
  };
}

/** onCreateFunction body: in OAuth mode a user who has not signed in is asked to, without a vendor call. */
function createFor(solutionId: string, arg: unknown) {
  const base = appsScriptServices();
  const script = readOnce(base.scriptStore); // the mode check costs no extra read
  const credentialed = withVendorCredential(script, vendorSignIn);
  const svc: Services = {
    ...base,
    scriptStore: credentialed,
    vendor: () => new AcmeAdapter(readVendorConfig(credentialed, WHITELIST), base.http, base.clock),
  };
  const mode = authModeOf(script.getAll(), WHITELIST);
  if (mode.kind === 'api-key') {
    return createConference(svc, conferenceDataFactory, WHITELIST, solutionId, arg as never);
  }
  if (mode.kind === 'invalid') {
    svc.log.error({ msg: 'conference not created: vendor sign-in is misconfigured', error: mode.problem });
    return conferenceDataFactory.error('PERMANENT');
  }
  const signIn = vendorSignIn(script.getAll());
  if (signIn.accessToken() === null) {
    const url = signIn.authorizationUrl();
    svc.log.info({ msg: 'conference not created: the user has not signed in to the vendor', solutionId });
    return conferenceDataFactory.error(url ? 'AUTHENTICATION' : 'PERMANENT', url);
  }
  const factory = signInAwareFactory(conferenceDataFactory, () => signIn);
  return createConference(svc, factory, WHITELIST, solutionId, arg as never);
}

/** conferenceSolution "acme-web". */
export function createWebConference(arg: unknown) {
  return createFor('acme-web', arg);
}

/** conferenceSolution "acme-recorded". */
export function createRecordedConference(arg: unknown) {
  return createFor('acme-recorded', arg);
}

/** Makes sure the calendar has its EventUpdated trigger and a sync token. */
export function initializeSyncing(calendarId: string) {
  return initialize(services(), WHITELIST, calendarId);
}

/** EventUpdated trigger handler: e = {calendarId, authMode, triggerUid}. */
export function syncEvents(e?: { calendarId?: string }) {
  const calendarIds = typeof e?.calendarId === 'string' && e.calendarId !== '' ? [e.calendarId] : undefined;
  return runSync(services(), WHITELIST, {
    reason: 'calendar change',
    ...(calendarIds ? { calendarIds } : {}),
  });
}

/** Time-based trigger: retries queued vendor calls and continues checkpointed syncs. */
export function retryPendingSync(e?: { triggerUid?: string }) {
  const svc = services();
  if (e?.triggerUid) {
    try {
      svc.triggers.remove(e.triggerUid); // one-shot trigger: a new one is scheduled if needed
    } catch {
      // already removed
    }
  }
  return runSync(svc, WHITELIST, {
    reason: 'retry',
    onlyPending: true,
    ...(e?.triggerUid ? { firedTrigger: e.triggerUid } : {}),
  });
}

/** Hourly time-based trigger: syncs every watched calendar, catching up after a run Apps Script killed. */
export function safetyNetSync() {
  const svc = services();
  const summary = runSync(svc, WHITELIST, { reason: 'safety net' });
  if (summary.status === 'done' && summary.calendars === 0) removeSafetyNet(svc); // nothing watched any more
  return summary;
}

/** Homepage trigger: sync status of every watched calendar. */
export function onHomepage() {
  return cards.homepageCard(addonContext());
}

/** eventOpenTrigger (manifest): our conference on the opened event. `e.calendar` = {calendarId, id, ...}. */
export function onEventOpen(e?: unknown) {
  return cards.eventCard(addonContext(), e);
}

/**
 * createSettingsUrlFunction (manifest): the vendor's settings page, from Script Property
 * CONFERENCE_SETTINGS_URL, else `<CONFERENCE_API_BASE_URL origin>/settings`. The in-add-on settings
 * card is `onShowSettings`.
 */
export function createSettingsUrl() {
  return settingsUrl(appsScriptServices().scriptStore.getAll());
}

/** Vendor sign-in redirect (OAuth2 library callback, named in the state of the authorization URL). */
export function authCallback(request: object) {
  const ok = vendorSignIn(appsScriptServices().scriptStore.getAll()).completeSignIn(request);
  const text = ok
    ? 'You are signed in. You can close this tab.'
    : 'Sign-in was cancelled. You can close this tab and try again.';
  return typeof HtmlService === 'undefined' ? text : HtmlService.createHtmlOutput(text);
}

// Card actions (their names are in CARD_ACTIONS; the cards' buttons name them).

export function onRefreshStatus(e?: unknown) {
  return cards.refreshAction(addonContext(), cards.actionParameters(e));
}

export function onSyncNow(e?: unknown) {
  return cards.syncNowAction(addonContext(), cards.actionParameters(e), false);
}

export function onFullResync(e?: unknown) {
  return cards.syncNowAction(addonContext(), cards.actionParameters(e), true);
}

export function onAskStopSyncing(e?: unknown) {
  return cards.askStopSyncingAction(addonContext(), cards.actionParameters(e));
}

export function onStopSyncing(e?: unknown) {
  return cards.stopSyncingAction(addonContext(), cards.actionParameters(e));
}

export function onBack() {
  return cards.backAction();
}

export function onClearProblems(e?: unknown) {
  return cards.clearProblemsAction(addonContext(), cards.actionParameters(e));
}

/** Card action: send again what the vendor refused. */
export function onRetryFailed(e?: unknown) {
  return cards.retryFailedAction(addonContext(), cards.actionParameters(e));
}

export function onResendToVendor(e?: unknown) {
  return cards.resendAction(addonContext(), cards.actionParameters(e));
}

export function onShowSettings() {
  return cards.showSettingsAction(addonContext());
}

export function onTestConnection() {
  return cards.testConnectionAction(addonContext());
}

export function onSignOut() {
  return cards.signOutAction(addonContext());
}
