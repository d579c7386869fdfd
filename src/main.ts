/**
 * Apps Script entry points. Every exported function here, and every function of
 * ON_CREATE_FUNCTIONS (one per solution of vendor.config.json), becomes a top-level function in
 * dist/Code.js (the build generates the stubs), which is how Apps Script finds manifest callbacks
 * and trigger handlers. This file only wires: each entry point builds its services once and hands
 * them to plain TypeScript.
 */
import { runAudit } from './audit/runAudit';
import {
  authModeOf,
  configureOAuthService,
  OAUTH_SERVICE_NAME,
  readOnce,
  VendorSignIn,
} from './auth/vendorAuth';
import { ACTION_NAMES } from './cards/actions';
import { repairConferenceAction } from './cards/auditActions';
import * as cards from './cards/controller';
import { setDefaultOptionAction } from './cards/defaultActions';
import { setMeetingOptionAction } from './cards/optionActions';
import { cardTranslator } from './cards/text';
import { createConference, initializeSyncing as initialize } from './conference/createConference';
import { BRAND } from './config/brand';
import { settingsUrl } from './config/config';
import { userLocaleOf } from './i18n/locale';
import { activeUserLocale, appsScriptServices, conferenceDataFactory } from './platform/appsScript';
import type { Services } from './platform/ports';
import { runSync } from './sync/runSync';
import { removeSafetyNet, SAFETY_NET_HANDLER, SYNC_HANDLER } from './triggers/triggers';
import { openVendor } from './vendor/openVendor';

/** Handlers passed to ScriptApp.newTrigger: the build fails if one has no top-level function. */
export const TRIGGER_HANDLERS = [SYNC_HANDLER, SAFETY_NET_HANDLER];

/** The manifest's urlFetchWhitelist, injected by esbuild.config.mjs from appsscript.json. */
declare const __URL_FETCH_WHITELIST__: string[];
const WHITELIST: readonly string[] = __URL_FETCH_WHITELIST__;

/** Card action handlers (buttons name them): the build fails if one has no top-level function. */
export const CARD_ACTIONS = [...ACTION_NAMES];

/** What one execution works with, built once by its entry point. */
interface Execution {
  services: Services;
  signIn: VendorSignIn;
  /** The raw Script Properties, read once. */
  scriptProperties: Record<string, string>;
}

/**
 * How this user reaches the vendor: the API key, or (when CONFERENCE_OAUTH_* is configured) their
 * own sign-in through Google's OAuth2 library (manifest library `OAuth2`).
 */
function vendorSignIn(scriptProperties: Record<string, string>): VendorSignIn {
  return new VendorSignIn(authModeOf(scriptProperties, WHITELIST), (config) => {
    if (typeof OAuth2 === 'undefined') throw new Error('the OAuth2 library is missing from the manifest');
    return configureOAuthService(OAuth2.createService(OAUTH_SERVICE_NAME), config, {
      propertyStore: PropertiesService.getUserProperties(),
      cache: CacheService.getUserCache(),
      // Not the user lock: the sync holds that one for a whole run.
      lock: LockService.getScriptLock(),
    });
  });
}

/** The real services, once per execution; the vendor port gets the user's credential explicitly. */
function execution(): Execution {
  const base = appsScriptServices();
  const scriptStore = readOnce(base.scriptStore);
  const scriptProperties = scriptStore.getAll();
  const signIn = vendorSignIn(scriptProperties);
  const services: Services = {
    ...base,
    scriptStore,
    vendor: () => openVendor({ brand: BRAND, scriptProperties, whitelist: WHITELIST, signIn, ...base }),
    // Per-user sign-in: a token the vendor refuses is forgotten, so the status card asks to sign in.
    onVendorUnauthorized: () => {
      if (signIn.mode.kind === 'oauth') signIn.signOut();
    },
  };
  return { services, signIn, scriptProperties };
}

/** Every card callback's context, in the user's language and zone from its event object. */
function addonContext(e: unknown): cards.AddonContext {
  const { services, signIn, scriptProperties } = execution();
  return {
    services,
    whitelist: WHITELIST,
    signIn,
    scriptProperties,
    tr: cardTranslator(userLocaleOf(e)),
    conferenceData: conferenceDataFactory,
  };
}

/** The body of every onCreateFunction: `solutionId` is the manifest id of the picked solution. */
function createFor(solutionId: string, arg: unknown) {
  const { services, signIn } = execution();
  return createConference(
    {
      services,
      factory: conferenceDataFactory,
      brand: BRAND,
      // Calendar passes an onCreateFunction only the calendar and event ids: the organizer's
      // language comes from the session.
      locale: activeUserLocale(),
      ...(signIn.mode.kind === 'oauth'
        ? { signIn: { url: () => signIn.authorizationUrl(), forget: () => signIn.signOut() } }
        : {}),
    },
    solutionId,
    arg as never,
  );
}

/**
 * One onCreateFunction per solution of vendor.config.json, by its `onCreateFunction` name. The
 * build writes a top-level function for each (Apps Script only finds top-level functions) and
 * fails if the manifest names any other.
 */
export const ON_CREATE_FUNCTIONS: Record<string, (arg: unknown) => unknown> = Object.fromEntries(
  BRAND.solutions.map((s) => [s.onCreateFunction, (arg: unknown) => createFor(s.id, arg)]),
);

/** Makes sure the calendar has its EventUpdated trigger and a sync token. */
export function initializeSyncing(calendarId: string) {
  return initialize(execution().services, calendarId);
}

/** EventUpdated trigger handler: e = {calendarId, authMode, triggerUid}. */
export function syncEvents(e?: { calendarId?: string }) {
  const calendarIds = typeof e?.calendarId === 'string' && e.calendarId !== '' ? [e.calendarId] : undefined;
  return runSync(execution().services, {
    reason: 'calendar change',
    ...(calendarIds ? { calendarIds } : {}),
  });
}

/** Hourly time-based trigger: syncs every watched calendar, catching up after a run Apps Script killed. */
export function safetyNetSync() {
  const svc = execution().services;
  const summary = runSync(svc, { reason: 'safety net', hourly: true, audit: runAudit });
  if (summary.status === 'done' && summary.calendars === 0) removeSafetyNet(svc); // nothing watched any more
  return summary;
}

/** Homepage trigger: the user's meetings this week and the sync's health in one line. */
export function onHomepage(e?: unknown) {
  return cards.homepageCard(addonContext(e));
}

/** eventOpenTrigger (manifest): our conference on the opened event. `e.calendar` = {calendarId, id, ...}. */
export function onEventOpen(e?: unknown) {
  return cards.eventCard(addonContext(e), e);
}

/**
 * createSettingsUrlFunction (manifest): the vendor's settings page, from Script Property
 * CONFERENCE_SETTINGS_URL, else `settingsUrl` of vendor.config.json. The in-add-on settings card is
 * `onShowSettings`.
 */
export function createSettingsUrl() {
  return settingsUrl(appsScriptServices().scriptStore.getAll());
}

/** Vendor sign-in redirect (OAuth2 library callback, named in the state of the authorization URL). */
export function authCallback(request: object) {
  const ok = execution().signIn.completeSignIn(request);
  const text = cardTranslator({ locale: activeUserLocale() }).t(ok ? 'auth.done' : 'auth.cancelled');
  return typeof HtmlService === 'undefined' ? text : HtmlService.createHtmlOutput(text);
}

// Card actions (their names are in CARD_ACTIONS; the cards' buttons name them).

export function onRefreshStatus(e?: unknown) {
  return cards.refreshAction(addonContext(e), cards.actionParameters(e));
}

export function onSyncNow(e?: unknown) {
  return cards.syncNowAction(addonContext(e), cards.actionParameters(e), false);
}

export function onFullResync(e?: unknown) {
  return cards.syncNowAction(addonContext(e), cards.actionParameters(e), true);
}

export function onAskStopSyncing(e?: unknown) {
  return cards.askStopSyncingAction(addonContext(e), cards.actionParameters(e));
}

export function onStopSyncing(e?: unknown) {
  return cards.stopSyncingAction(addonContext(e), cards.actionParameters(e));
}

export function onBack() {
  return cards.backAction();
}

export function onClearProblems(e?: unknown) {
  return cards.clearProblemsAction(addonContext(e), cards.actionParameters(e));
}

/** Card action: send again what the vendor refused. */
export function onRetryFailed(e?: unknown) {
  return cards.retryFailedAction(addonContext(e), cards.actionParameters(e));
}

export function onResendToVendor(e?: unknown) {
  return cards.resendAction(addonContext(e), cards.actionParameters(e));
}

/** Card action: the per-calendar sync controls, one level below the homepage. */
export function onShowSyncDetails(e?: unknown) {
  return cards.showSyncDetailsAction(addonContext(e), cards.actionParameters(e));
}

/** Card action: a meeting on the homepage opens its event card. */
export function onOpenMeeting(e?: unknown) {
  return cards.openMeetingAction(addonContext(e), cards.actionParameters(e));
}

export function onShowSettings(e?: unknown) {
  return cards.showSettingsAction(addonContext(e));
}

export function onTestConnection(e?: unknown) {
  return cards.testConnectionAction(addonContext(e));
}

export function onSignOut(e?: unknown) {
  return cards.signOutAction(addonContext(e));
}

/** Card action: change one meeting option at the vendor (event card, issue 23). */
export function onSetMeetingOption(e?: unknown) {
  return setMeetingOptionAction(addonContext(e), cards.actionParameters(e));
}

/** Card action: change one of the user's defaults for new meetings (settings card, issue 23). */
export function onSetDefaultOption(e?: unknown) {
  return setDefaultOptionAction(addonContext(e), cards.actionParameters(e));
}

/** Card action: put the audit's new conference on the event after Calendar refused it once. */
export function onRepairConference(e?: unknown) {
  return repairConferenceAction(addonContext(e), cards.actionParameters(e));
}
