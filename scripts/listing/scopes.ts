/**
 * Every OAuth scope of appsscript.json: why the add-on needs it (and where, in the built bundle or the
 * manifest, that need shows), how Google classes it, and the narrower scope considered. `npm run
 * listing` writes it as out/listing/scopes.md, for the OAuth consent screen's scope justifications and
 * the Marketplace SDK's App Configuration; a test checks that every manifest scope is here and that
 * the code still makes the calls that need it.
 */

/** Google's pages the classifications cite. */
export const SOURCES = {
  sensitive:
    'https://developers.google.com/identity/protocols/oauth2/production-readiness/sensitive-scope-verification',
  restricted:
    'https://developers.google.com/identity/protocols/oauth2/production-readiness/restricted-scope-verification',
  calendarScopes: 'https://developers.google.com/workspace/calendar/api/auth',
  consoleScopes: 'https://support.google.com/cloud/answer/15549135',
  eventAccess:
    'https://developers.google.com/workspace/add-ons/reference/rpc/google.apps.script.type/calendar',
  sync: 'https://developers.google.com/workspace/add-ons/calendar/conferencing/sync-calendar-changes',
} as const;

/** How Google classes a scope, as far as the cited pages say. */
export type Classification = 'sensitive' | 'not-classified-on-cited-pages';

export interface ScopeNeed {
  scope: string;
  why: string;
  /** What in the manifest or the built bundle needs the scope (checked by a test). */
  evidence:
    | { in: 'manifest'; holds: (manifest: Manifest) => boolean; what: string }
    | { in: 'bundle'; pattern: RegExp; what: string };
  classification: Classification;
  classificationNote: string;
  narrower: string;
}

export interface Manifest {
  oauthScopes?: string[];
  addOns?: { calendar?: { currentEventAccess?: string }; common?: { useLocaleFromApp?: boolean } };
  [key: string]: unknown;
}

const AUTH = 'https://www.googleapis.com/auth/';
const NOT_RESTRICTED = `Not restricted: "Only the Gmail and Fit APIs currently use restricted scopes" (${SOURCES.restricted}).`;
const SENSITIVE = `Sensitive: "Examples of sensitive scopes include reading events stored in Google Calendar" (${SOURCES.sensitive}); needs OAuth verification for a public app. ${NOT_RESTRICTED}`;
const UNCLASSIFIED = `The pages cited do not class it; the consent screen's Data Access page shows Google's class when the scope is added (${SOURCES.consoleScopes}). ${NOT_RESTRICTED}`;

export const SCOPE_NEEDS: readonly ScopeNeed[] = [
  {
    scope: `${AUTH}calendar.addons.execute`,
    why: 'Run as a Calendar add-on at all (Google: "Run as a Calendar add-on").',
    evidence: { in: 'manifest', holds: (m) => !!m.addOns?.calendar, what: 'addOns.calendar' },
    classification: 'not-classified-on-cited-pages',
    classificationNote: UNCLASSIFIED,
    narrower: 'None: it is the add-on scope itself.',
  },
  {
    scope: `${AUTH}calendar.addons.current.event.read`,
    why: "The event card falls back to the event object's conference data when Calendar.Events.get cannot read the open event (e.g. one not saved yet).",
    evidence: {
      in: 'manifest',
      holds: (m) => ['READ', 'READ_WRITE'].includes(m.addOns?.calendar?.currentEventAccess ?? ''),
      what: 'addOns.calendar.currentEventAccess READ_WRITE',
    },
    classification: 'not-classified-on-cited-pages',
    classificationNote: UNCLASSIFIED,
    narrower: `currentEventAccess METADATA (no scope): "the metadata of events, such as event ID and calendar ID" only, not "attendees, and conference data" (${SOURCES.eventAccess}); the card would lose the conference of an unsaved event.`,
  },
  {
    scope: `${AUTH}calendar.addons.current.event.write`,
    why: "A meeting option changed in the event card (a passcode turned on) changes what the event shows: the card's answer sets the open event's conference data (CalendarEventActionResponseBuilder.setConferenceData), so the editor shows the vendor's new passcode or PIN and saving it keeps them.",
    evidence: {
      in: 'bundle',
      pattern: /newCalendarEventActionResponseBuilder\(\)/,
      what: 'CardService.newCalendarEventActionResponseBuilder().setConferenceData',
    },
    classification: 'not-classified-on-cited-pages',
    classificationNote: UNCLASSIFIED,
    narrower: `None for the open event: currentEventAccess WRITE or READ_WRITE needs this scope (${SOURCES.eventAccess}); writing it with Calendar.Events.patch instead would race the open editor, whose save would put the old passcode back.`,
  },
  {
    scope: `${AUTH}script.locale`,
    why: "The cards speak the user's language: Calendar passes `commonEventObject.userLocale` to card callbacks only with `addOns.common.useLocaleFromApp` and this scope.",
    evidence: {
      in: 'manifest',
      holds: (m) => m.addOns?.common?.useLocaleFromApp === true,
      what: 'addOns.common.useLocaleFromApp true',
    },
    classification: 'not-classified-on-cited-pages',
    classificationNote: UNCLASSIFIED,
    narrower:
      'None: it only lets Calendar tell the add-on the language and time zone; without it every card is in English.',
  },
  {
    scope: `${AUTH}calendar.readonly`,
    why: `The per-calendar EventUpdated trigger (ScriptApp...forUserCalendar; Google's sync guide names this scope, ${SOURCES.sync}) and Calendar.CalendarList.list, which finds a meeting moved to another of the user's calendars before its conference is deleted.`,
    evidence: {
      in: 'bundle',
      pattern: /Calendar\.CalendarList\.list/,
      what: 'forUserCalendar, Calendar.CalendarList.list',
    },
    classification: 'sensitive',
    classificationNote: SENSITIVE,
    narrower:
      'calendar.events.readonly: covers reading events but not the calendar list, and Google documents calendar.readonly for the trigger.',
  },
  {
    scope: `${AUTH}calendar.events`,
    why: 'Calendar.Events.patch writes a changed join link back, and a conference of its own onto a copied or restored meeting, in background sync runs. Nothing else is written.',
    evidence: { in: 'bundle', pattern: /events\(\)\.patch\(/, what: 'Calendar.Events.patch' },
    classification: 'sensitive',
    classificationNote: SENSITIVE,
    narrower:
      'calendar.addons.current.event.write: only the event open in Calendar, while the add-on runs; the writes happen in trigger runs on events that are not open.',
  },
  {
    scope: `${AUTH}script.external_request`,
    why: "UrlFetchApp calls to the vendor's API (create, update, delete, look up a conference); the manifest's urlFetchWhitelist limits them to the vendor's host.",
    evidence: { in: 'bundle', pattern: /UrlFetchApp\.fetch/, what: 'UrlFetchApp.fetchAll' },
    classification: 'not-classified-on-cited-pages',
    classificationNote: UNCLASSIFIED,
    narrower: 'None: there is no narrower scope for UrlFetchApp.',
  },
  {
    scope: `${AUTH}script.scriptapp`,
    why: 'Create, list and delete its own installable triggers (one EventUpdated trigger per watched calendar, the hourly safety net).',
    evidence: {
      in: 'bundle',
      pattern: /ScriptApp\.newTrigger/,
      what: 'ScriptApp.newTrigger, ScriptApp.deleteTrigger',
    },
    classification: 'not-classified-on-cited-pages',
    classificationNote: UNCLASSIFIED,
    narrower: 'None: there is no narrower scope for ScriptApp triggers.',
  },
];

export interface ScopeCheck {
  /** Manifest scopes without an entry above (each needs one before release). */
  unexplained: string[];
  /** Entries whose evidence is gone from the manifest or bundle: the scope may be droppable. */
  unused: string[];
}

export function checkScopes(manifest: Manifest, bundle: string): ScopeCheck {
  const declared = manifest.oauthScopes ?? [];
  const known = new Set(SCOPE_NEEDS.map((n) => n.scope));
  const unused = SCOPE_NEEDS.filter((n) => declared.includes(n.scope))
    .filter((n) =>
      n.evidence.in === 'manifest' ? !n.evidence.holds(manifest) : !n.evidence.pattern.test(bundle),
    )
    .map((n) => n.scope);
  return { unexplained: declared.filter((s) => !known.has(s)), unused };
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function scopesMarkdown(manifest: Manifest): string {
  const declared = manifest.oauthScopes ?? [];
  const rows = SCOPE_NEEDS.filter((n) => declared.includes(n.scope)).map(
    (n) =>
      `| \`${n.scope.replace(AUTH, '')}\` | ${cell(n.why)} (${cell(n.evidence.what)}) | ${cell(n.classificationNote)} | ${cell(n.narrower)} |`,
  );
  return [
    '# OAuth scopes of the add-on',
    '',
    `Every scope in \`appsscript.json\` (all under \`${AUTH}\`), generated by \`npm run listing\`.`,
    'Paste the "why" into the OAuth consent screen\'s scope justifications; a demo video must show each',
    `sensitive scope in use (${SOURCES.consoleScopes}).`,
    '',
    '| Scope | Why the add-on needs it | Google classes it | Narrower scope considered |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
