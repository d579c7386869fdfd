import type { SignInStatus } from '../../../src/auth/vendorAuth';
import type { EventCardModel } from '../../../src/cards/eventCard';
import type { HubModel } from '../../../src/cards/hubCard';
import type { OptionsView } from '../../../src/cards/meetingOptions';
import type { SettingsModel } from '../../../src/cards/settingsCard';
import type { SyncDetailsModel } from '../../../src/cards/syncDetailsCard';
import type { UpcomingMeeting } from '../../../src/status/meetings';
import type { CalendarStatus, EventConferenceStatus } from '../../../src/status/status';
import { MEETING_OPTIONS, SWITCH_OPTIONS } from '../../../src/vendor/options';

/**
 * Realistic states for each card, as plain data: used by the unit tests and by `npm run cards`
 * (scripts/cards.ts), which writes each card's JSON and an HTML preview to out/.
 */

export const NOW = Date.UTC(2026, 10, 23, 15, 0, 0);
const MIN = 60_000;

export const SIGNED_IN_KEY: SignInStatus = { mode: 'api-key', signedIn: true };
export const AUTH_URL =
  'https://conference.example.com/oauth/authorize?client_id=addon&response_type=code&state=abc';
export const NOT_SIGNED_IN: SignInStatus = { mode: 'oauth', signedIn: false, authorizationUrl: AUTH_URL };

/** A healthy watched calendar's status (synced 3 minutes ago); the homepage's and health's tests share it. */
export function calendar(overrides: Partial<CalendarStatus> = {}): CalendarStatus {
  return {
    calendarId: 'ada@example.com',
    lastSyncAt: NOW - 3 * MIN,
    lastOkAt: NOW - 3 * MIN,
    lastOutcome: 'ok',
    itemsHandled: 4,
    conferences: 12,
    pending: 0,
    pendingUpdates: 0,
    pendingRemovals: 0,
    notSent: 0,
    deadLetters: [],
    deadLetterTotal: 0,
    syncing: false,
    watching: true,
    ...overrides,
  };
}

function upcoming(title: string, dayOffset: number, hour: number, extra: Partial<UpcomingMeeting> = {}) {
  const id = title.toLowerCase().replace(/\W+/g, '-');
  const meeting: UpcomingMeeting = {
    calendarId: 'ada@example.com',
    eventId: id,
    title,
    startMs: Date.UTC(2026, 10, 23 + dayOffset, hour, 0, 0),
    allDay: false,
    dayOffset,
    joinUrl: `https://conference.example.com/j/${id}`,
    mark: 'in-step',
    ...extra,
  };
  return meeting;
}

/** The homepage (issue 23): the user's meetings this week and the sync in one line. */
export const HUB: Record<string, HubModel> = {
  week: {
    signIn: SIGNED_IN_KEY,
    health: { kind: 'ok' },
    unreadable: [],
    meetings: [
      upcoming('Design review', 0, 16),
      upcoming('Hiring sync', 0, 17, { calendarId: 'team@example.com', mark: 'repairing' }),
      upcoming('Offsite', 1, 0, { allDay: true }),
      upcoming('Weekly planning', 1, 9),
      upcoming('Budget 2027', 3, 14, { mark: 'refused' }),
    ],
  },
  noMeetings: { signIn: SIGNED_IN_KEY, health: { kind: 'ok' }, unreadable: [], meetings: [] },
  empty: { signIn: SIGNED_IN_KEY, health: { kind: 'no-calendar' }, unreadable: [], meetings: [] },
  attention: {
    signIn: SIGNED_IN_KEY,
    health: { kind: 'refused', count: 2 },
    unreadable: ['team@example.com'],
    meetings: [upcoming('Budget 2027', 0, 16, { mark: 'refused' })],
  },
  notSignedIn: {
    signIn: NOT_SIGNED_IN,
    health: { kind: 'unfinished' },
    unreadable: [],
    meetings: [upcoming('Design review', 2, 10)],
  },
};

export const SYNC_DETAILS: Record<string, SyncDetailsModel> = {
  healthy: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    calendars: [calendar(), calendar({ calendarId: 'team@example.com', conferences: 1, itemsHandled: 1 })],
  },
  empty: { now: NOW, signIn: SIGNED_IN_KEY, calendars: [] },
  /** Issue 17: the audit repaired two meetings this week; the vendor refused the key at the last check. */
  auditRepaired: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    calendars: [calendar()],
    audit: { repairedThisWeek: 2, lastRunAt: NOW - 20 * MIN, waitingForCalendar: 1 },
  },
  auditBlocked: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    calendars: [calendar()],
    audit: {
      repairedThisWeek: 0,
      lastRunAt: NOW - 20 * MIN,
      waitingForCalendar: 0,
      blocked: { at: NOW - 20 * MIN, kind: 'unauthorized' },
    },
  },
  outage: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    calendars: [
      calendar({
        lastSyncAt: NOW - MIN,
        lastOutcome: 'partial',
        itemsHandled: 7,
        pending: 4,
        pendingUpdates: 3,
        pendingRemovals: 1,
        nextRetryAt: NOW + 4 * MIN,
      }),
    ],
  },
  couldNotSend: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    calendars: [
      calendar({
        notSent: 1,
        deadLetterTotal: 7,
        deadLetters: [
          {
            at: NOW - 5 * 3600_000,
            op: 'delete',
            reason: 'the conference no longer exists at the vendor',
            problem: 'gone',
          },
          {
            at: NOW - 2 * 3600_000,
            op: 'patch',
            reason: 'vendor refused the request (400): bad start',
            problem: 'invalid-request',
          },
          {
            at: NOW - 50 * MIN,
            op: 'patch',
            reason: 'vendor answer is not JSON',
            problem: 'bad-answer',
            title: 'Budget 2027',
          },
          {
            at: NOW - 40 * MIN,
            op: 'patch',
            reason: 'vendor refused the request (401)',
            problem: 'unauthorized',
            title: 'Hiring sync',
          },
          {
            at: NOW - 30 * MIN,
            op: 'patch',
            reason: 'vendor refused the request (403)',
            problem: 'forbidden',
            title: 'Design review',
          },
          {
            at: NOW - 20 * MIN,
            op: 'patch',
            reason: 'vendor answer has no usable conference id',
            problem: 'bad-answer',
            title: 'Weekly planning',
          },
        ],
      }),
    ],
  },
  notSignedIn: {
    now: NOW,
    signIn: NOT_SIGNED_IN,
    calendars: [
      calendar({
        lastSyncAt: NOW - 2 * MIN,
        lastOutcome: 'error',
        lastProblem: 'config',
        pending: 1,
        pendingUpdates: 1,
        nextRetryAt: NOW + 3 * MIN,
      }),
    ],
  },
  setupProblem: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    calendars: [
      calendar({
        setupProblem: 'trigger-limit',
        watching: false,
      }),
      calendar({ calendarId: 'old@example.com', watching: false, lastSyncAt: NOW - 3 * 86_400_000 }),
    ],
  },
  notSetUp: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    notSetUp: true,
    calendars: [],
  },
};

function event(overrides: Partial<EventConferenceStatus> = {}): EventConferenceStatus {
  return {
    calendarId: 'ada@example.com',
    eventId: 'evt123',
    title: 'Design review',
    ours: true,
    hasConference: true,
    conferenceId: 'cnf_0a1b2c3d4e',
    joinUrl: 'https://conference.example.com/j/cnf_0a1b2c3d4e',
    state: 'up-to-date',
    problems: [],
    vendor: {
      kind: 'ok',
      conference: {
        title: 'Design review',
        start: { dateTime: '2026-11-24T10:00:00+01:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-11-24T11:00:00+01:00', timeZone: 'Europe/Berlin' },
        attendees: ['ada@example.com', 'bob@example.com'],
        recurrence: [],
        updatedAt: new Date(NOW - 12 * MIN).toISOString(),
      },
    },
    ...overrides,
  };
}

/** The event card's meeting options (issue 23): every option Acme has, a long guest address. */
const OPTIONS_VIEW: OptionsView = {
  supported: MEETING_OPTIONS,
  held: {
    passcode: true,
    waitingRoom: true,
    joinBeforeHost: false,
    muteOnEntry: true,
    autoRecording: false,
    alternativeHosts: ['bob@example.com'],
  },
  passcode: 'k7m2xq9p',
  guests: ['bob@example.com', 'a.very.long.guest.address.0123456789@subsidiary.example.com'],
  target: { calendarId: 'ada@example.com', eventId: 'evt1', conferenceId: 'cnf_0123456789' },
};

export const EVENT: Record<string, EventCardModel> = {
  upToDate: { now: NOW, signIn: SIGNED_IN_KEY, status: event() },
  withOptions: { now: NOW, signIn: SIGNED_IN_KEY, status: event(), options: OPTIONS_VIEW },
  waiting: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    status: event({
      state: 'queued-update',
      nextRetryAt: NOW + 4 * MIN,
      vendor: { kind: 'unavailable', reason: 'status 503' },
    }),
  },
  notSent: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    status: event({
      state: 'not-sent',
      problems: [
        { at: NOW - 30 * MIN, op: 'patch', reason: 'vendor refused the request (403)', problem: 'forbidden' },
      ],
    }),
  },
  notSignedIn: {
    now: NOW,
    signIn: NOT_SIGNED_IN,
    status: event({ state: 'changed', vendor: { kind: 'skipped' } }),
  },
  notTracked: { now: NOW, signIn: SIGNED_IN_KEY, status: event({ state: 'not-tracked' }) },
  /** Issue 17: what the audit did to this meeting. */
  recreated: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    status: event(),
    repair: {
      at: NOW - 40 * MIN,
      kind: 'recreated',
      calendarId: 'ada@example.com',
      eventId: 'e1',
      conferenceId: 'cnf_new',
      formerId: 'cnf_old',
    },
  },
  resent: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    status: event(),
    repair: {
      at: NOW - 2 * 60 * MIN,
      kind: 'resent',
      calendarId: 'ada@example.com',
      eventId: 'e1',
      conferenceId: 'cnf_1',
      aspects: ['time', 'guests'],
    },
  },
  writeRefused: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    status: event(),
    repair: {
      at: NOW - 5 * MIN,
      kind: 'write-refused',
      calendarId: 'ada@example.com',
      eventId: 'e1',
      conferenceId: 'cnf_new',
      formerId: 'cnf_old',
    },
  },
  notOurs: {
    now: NOW,
    signIn: SIGNED_IN_KEY,
    status: {
      calendarId: 'ada@example.com',
      eventId: 'e9',
      title: 'Lunch',
      ours: false,
      hasConference: false,
      problems: [],
      vendor: { kind: 'skipped' },
    },
  },
};

export const SETTINGS: Record<string, SettingsModel> = {
  apiKey: {
    baseUrl: 'https://conference.example.com/api/v1/',
    signIn: SIGNED_IN_KEY,
    lastTest: { ok: true, ms: 240 },
  },
  defaults: {
    baseUrl: 'https://conference.example.com/api/v1/',
    signIn: SIGNED_IN_KEY,
    defaults: {
      options: SWITCH_OPTIONS,
      user: { muteOnEntry: true, waitingRoom: false },
      organisation: { waitingRoom: true, passcode: true },
    },
  },
  notSignedIn: { baseUrl: 'https://conference.example.com/', signIn: NOT_SIGNED_IN },
  unreachable: {
    baseUrl: 'https://conference.example.com/',
    signIn: SIGNED_IN_KEY,
    lastTest: { ok: false, problem: 'unreachable', detail: 'Address unavailable', ms: 10_000 },
  },
  notSetUp: {
    signIn: SIGNED_IN_KEY,
    configProblem: 'Missing Script Properties: CONFERENCE_API_BASE_URL, CONFERENCE_API_KEY',
  },
};
