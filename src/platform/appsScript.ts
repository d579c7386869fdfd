/**
 * The real Apps Script services behind the core's ports. This file and src/main.ts are the only
 * places that touch Apps Script globals.
 */
import type { CalendarEvent, CalendarListEntry, EventsPage } from '../calendar/types';
import type {
  CalendarApi,
  ConferenceDataFactory,
  HttpClient,
  HttpRequest,
  HttpResult,
  Lock,
  Log,
  PropertyStore,
  Services,
  Triggers,
} from './ports';

function propertyStore(props: GoogleAppsScript.Properties.Properties): PropertyStore {
  return {
    getAll: () => props.getProperties(),
    get: (key) => props.getProperty(key),
    setMany: (values) => {
      props.setProperties(values);
    },
    set: (key, value) => {
      props.setProperty(key, value);
    },
    remove: (key) => {
      props.deleteProperty(key);
    },
  };
}

function events(): GoogleAppsScript.Calendar.Collection.EventsCollection {
  if (typeof Calendar === 'undefined' || !Calendar?.Events) {
    throw new Error('The Calendar advanced service (v3) is not enabled in appsscript.json');
  }
  return Calendar.Events;
}

/** Every calendar in the user's calendar list (all pages). */
function calendarList(): CalendarListEntry[] {
  if (typeof Calendar === 'undefined' || !Calendar?.CalendarList) {
    throw new Error('The Calendar advanced service (v3) is not enabled in appsscript.json');
  }
  const entries: CalendarListEntry[] = [];
  let pageToken: string | undefined;
  do {
    const page = Calendar.CalendarList.list({ maxResults: 250, ...(pageToken ? { pageToken } : {}) });
    entries.push(...((page.items ?? []) as CalendarListEntry[]));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return entries;
}

const calendarApi: CalendarApi = {
  calendars: calendarList,
  list: (calendarId, options) => events().list(calendarId, options) as EventsPage,
  get: (calendarId, eventId) => events().get(calendarId, eventId) as CalendarEvent,
  patch: (resource, calendarId, eventId, options, headers) =>
    events().patch(
      resource as GoogleAppsScript.Calendar.Schema.Event,
      calendarId,
      eventId,
      options,
      headers ?? {},
    ) as CalendarEvent,
};

function toFetchRequest(r: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const request: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
    url: r.url,
    method: r.method,
    headers: r.headers,
    muteHttpExceptions: true,
    followRedirects: false,
  };
  if (r.payload !== undefined) {
    request.payload = r.payload;
    request.contentType = 'application/json';
  }
  return request;
}

const httpClient: HttpClient = {
  fetchAll(requests) {
    let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[];
    try {
      responses = UrlFetchApp.fetchAll(requests.map(toFetchRequest));
    } catch (error) {
      // fetchAll throws for the whole batch when any request fails at the network level (or the
      // daily quota is used up): every request in it counts as not delivered.
      const message = error instanceof Error ? error.message : String(error);
      return requests.map((): HttpResult => ({ kind: 'network-error', message }));
    }
    return responses.map(
      (response): HttpResult => ({
        kind: 'response',
        status: response.getResponseCode(),
        body: response.getContentText(),
        headers: response.getHeaders() as Record<string, string>,
      }),
    );
  },
};

function userLock(): Lock {
  const lock = LockService.getUserLock();
  return {
    tryLock: (ms) => lock.tryLock(ms),
    release: () => lock.releaseLock(),
  };
}

/**
 * The project's triggers, listed once per execution and listed again only after this execution
 * creates or deletes one (onCreate checks both its calendar trigger and the safety net).
 */
let listedTriggers: GoogleAppsScript.Script.Trigger[] | undefined;
function projectTriggers(): GoogleAppsScript.Script.Trigger[] {
  listedTriggers ??= ScriptApp.getProjectTriggers();
  return listedTriggers;
}
function changed<T>(value: T): T {
  listedTriggers = undefined;
  return value;
}

const triggers: Triggers = {
  calendarTriggers: () =>
    projectTriggers()
      .filter((t) => t.getEventType() === ScriptApp.EventType.ON_EVENT_UPDATED)
      .map((t) => ({
        uid: t.getUniqueId(),
        handler: t.getHandlerFunction(),
        calendarId: t.getTriggerSourceId(),
      })),
  createCalendarTrigger: (handler, calendarId) =>
    changed(
      ScriptApp.newTrigger(handler).forUserCalendar(calendarId).onEventUpdated().create().getUniqueId(),
    ),
  timeTriggers: (handler) =>
    projectTriggers()
      .filter((t) => t.getEventType() === ScriptApp.EventType.CLOCK && t.getHandlerFunction() === handler)
      .map((t) => ({ uid: t.getUniqueId(), handler })),
  createHourlyTrigger: (handler, everyHours) =>
    changed(ScriptApp.newTrigger(handler).timeBased().everyHours(everyHours).create().getUniqueId()),
  remove: (uid) => {
    const find = () => projectTriggers().find((t) => t.getUniqueId() === uid);
    let trigger = find();
    if (!trigger) {
      listedTriggers = undefined; // the list may predate a trigger another execution made
      trigger = find();
    }
    if (trigger) changed(ScriptApp.deleteTrigger(trigger));
  },
};

/** Structured JSON lines (Cloud Logging parses them); never contains the API key or event text. */
const log: Log = {
  info: (record) => console.log(JSON.stringify(record)),
  warn: (record) => console.warn(JSON.stringify(record)),
  error: (record) => console.error(JSON.stringify(record)),
};

export function appsScriptServices(): Omit<Services, 'vendor'> {
  return {
    calendar: calendarApi,
    userStore: propertyStore(PropertiesService.getUserProperties()),
    scriptStore: propertyStore(PropertiesService.getScriptProperties()),
    http: httpClient,
    clock: { now: () => Date.now(), sleep: (ms) => Utilities.sleep(ms) },
    lock: userLock(),
    triggers,
    log,
  };
}

export const conferenceDataFactory: ConferenceDataFactory = {
  success(details) {
    const cds = ConferenceDataService;
    const { video, phones, moreUri } = details.entries;
    const videoPoint = cds.newEntryPoint().setEntryPointType(cds.EntryPointType.VIDEO).setUri(video.uri);
    if (video.passcode) videoPoint.setPasscode(video.passcode);
    const builder = cds
      .newConferenceDataBuilder()
      .setConferenceId(details.conferenceId)
      .setConferenceSolutionId(details.solutionId)
      .addEntryPoint(videoPoint);
    for (const phone of phones) {
      const point = cds.newEntryPoint().setEntryPointType(cds.EntryPointType.PHONE).setUri(phone.uri);
      if (phone.pin) point.setPin(phone.pin);
      if (phone.regionCode) point.setRegionCode(phone.regionCode);
      if (phone.charge)
        point.addFeature(cds.EntryPointFeature[phone.charge === 'toll' ? 'TOLL' : 'TOLL_FREE']);
      builder.addEntryPoint(point);
    }
    // After the VIDEO one: a conference with only a MORE entry point is not valid.
    if (moreUri)
      builder.addEntryPoint(cds.newEntryPoint().setEntryPointType(cds.EntryPointType.MORE).setUri(moreUri));
    for (const [key, value] of Object.entries(details.parameters)) {
      builder.addConferenceParameter(cds.newConferenceParameter().setKey(key).setValue(value));
    }
    if (details.notes) builder.setNotes(details.notes);
    return builder.build();
  },
  error(kind, authenticationUrl) {
    const cds = ConferenceDataService;
    const error = cds.newConferenceError().setConferenceErrorType(cds.ConferenceErrorType[kind]);
    if (authenticationUrl) error.setAuthenticationUrl(authenticationUrl);
    return cds.newConferenceDataBuilder().setError(error).build();
  },
};

/**
 * The user's language where no event object carries it (an onCreateFunction, the sign-in callback):
 * `Session.getActiveUserLocale()` "Gets the language setting of the current user as a string—for
 * example, en for English." Undefined when it cannot be read (the caller falls back to English).
 */
export function activeUserLocale(): string | undefined {
  try {
    const locale = typeof Session === 'undefined' ? undefined : Session.getActiveUserLocale();
    return typeof locale === 'string' && locale !== '' ? locale : undefined;
  } catch {
    return undefined;
  }
}
