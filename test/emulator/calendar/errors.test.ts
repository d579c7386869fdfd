import { apiErrorCode } from '../../../emulator/calendar/apiError';
import type { InjectedFault } from '../../../emulator/calendar/calendarEmulator';
import { CAL, setup, thrown, timed } from './helpers';

/*
 * ERR = developers.google.com/workspace/calendar/api/guides/errors
 * QUOTA = developers.google.com/workspace/calendar/api/guides/quota
 * ADV = developers.google.com/apps-script/advanced/calendar (the sample matches errors on e.message alone)
 */
describe('Calendar API errors as the errors guide documents them (ERR, QUOTA)', () => {
  it.each([
    [403, 'rateLimitExceeded', 'Rate Limit Exceeded'],
    [429, 'rateLimitExceeded', 'Rate Limit Exceeded'],
    [403, 'userRateLimitExceeded', 'User Rate Limit Exceeded'],
    [403, 'quotaExceeded', 'Calendar usage limits exceeded.'],
  ] as const)("an injected %i %s has domain usageLimits and Google's message", (code, reason, message) => {
    const { emu, Calendar } = setup();
    emu.injectFault({ code, reason, calls: 2 });
    for (let i = 0; i < 2; i++) {
      const err = thrown(() => Calendar.Events.list(CAL));
      expect(err.details).toEqual({ code, message, errors: [{ domain: 'usageLimits', reason, message }] });
      expect(err.message).toBe(`API call to calendar.events.list failed with error: ${message}`);
    }
    expect(() => Calendar.Events.list(CAL)).not.toThrow();
  });

  it('a fault can target one API method only', () => {
    const { emu, Calendar } = setup();
    emu.injectFault({ code: 429, reason: 'rateLimitExceeded', api: 'calendar.events.patch' });
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), CAL);
    expect(thrown(() => Calendar.Events.patch({ summary: 'x' }, CAL, ev.id!)).details.code).toBe(429);
    expect(Calendar.Events.patch({ summary: 'x' }, CAL, ev.id!).summary).toBe('x');
  });

  it('the ratePerMinute limit answers with the configured usage-limit error', () => {
    const { Calendar } = setup({
      ratePerMinute: 1,
      rateLimitError: { code: 429, reason: 'userRateLimitExceeded' },
    });
    Calendar.Events.list(CAL);
    const err = thrown(() => Calendar.Events.list(CAL));
    expect(err.details.code).toBe(429);
    expect(err.details.errors[0]).toMatchObject({ domain: 'usageLimits', reason: 'userRateLimitExceeded' });
  });

  it('404 notFound for a calendar the user cannot access, including one that never existed', () => {
    const { Calendar } = setup();
    const err = thrown(() => Calendar.Events.list('nobody@example.com'));
    expect(err.details).toEqual({
      code: 404,
      message: 'Not Found',
      errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }],
    });
    expect(thrown(() => Calendar.Calendars.get('nobody@example.com')).details.code).toBe(404);
  });

  // ERR, "410: Gone": "This error can also occur if a request attempts to delete an event that has already
  // been deleted." ... `{"domain": "global", "reason": "deleted", "message": "Resource has been deleted"}`.
  it('410 deleted (removing an event already deleted) carries domain "global", as the errors guide shows', () => {
    const { Calendar } = setup();
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), CAL);
    Calendar.Events.remove(CAL, ev.id!);
    const err = thrown(() => Calendar.Events.remove(CAL, ev.id!));
    expect(err.details).toEqual({
      code: 410,
      message: 'Resource has been deleted',
      errors: [{ domain: 'global', reason: 'deleted', message: 'Resource has been deleted' }],
    });
  });

  // ERR, "500: Backend error": `{"domain": "global", "reason": "backendError", "message": "Backend Error"}`,
  // suggested action: exponential backoff. "401: Invalid Credentials": `{"domain": "global", "reason":
  // "authError", "message": "Invalid Credentials"}`.
  it.each([
    [500, 'backendError', 'Backend Error'],
    [401, 'authError', 'Invalid Credentials'],
  ] as const)(
    "an injected %i %s has domain global and the errors guide's message",
    (code, reason, message) => {
      const { emu, Calendar } = setup();
      emu.injectFault({ code, reason, api: 'calendar.events.list' } as InjectedFault);
      const err = thrown(() => Calendar.Events.list(CAL));
      expect(err.details).toEqual({ code, message, errors: [{ domain: 'global', reason, message }] });
      expect(err.message).toBe(`API call to calendar.events.list failed with error: ${message}`);
      expect(() => Calendar.Events.list(CAL)).not.toThrow();
    },
  );

  // Public Apps Script logs show advanced-service errors as "GoogleJsonResponseException: API call to
  // calendar.events.delete failed with error: Not Found" (Google does not document the name or the
  // message format: ASSUMPTION, docs/google-fidelity.md).
  it.each([true, false])(
    'errors are named GoogleJsonResponseException, as Apps Script logs them (errorDetails=%s)',
    (errorDetails) => {
      const { Calendar } = setup({ errorDetails });
      const err = thrown(() => Calendar.Events.get(CAL, 'missing01'));
      expect(err).toBeInstanceOf(Error);
      expect(err.name).toBe('GoogleJsonResponseException');
      expect(String(err)).toBe(
        'GoogleJsonResponseException: API call to calendar.events.get failed with error: Not Found',
      );
    },
  );

  it('410 fullSyncRequired carries domain "calendar"', () => {
    const { emu, Calendar } = setup();
    const token = Calendar.Events.list(CAL).nextSyncToken!;
    emu.invalidateSyncTokens(CAL);
    expect(thrown(() => Calendar.Events.list(CAL, { syncToken: token })).details.errors[0]).toEqual({
      domain: 'calendar',
      reason: 'fullSyncRequired',
      message: 'Sync token is no longer valid, a full sync is required.',
    });
  });
});

describe('errors with and without details (ADV: the sample compares e.message only)', () => {
  it("with errorDetails=false an error carries only Apps Script's message, no details and no code", () => {
    const { emu, Calendar } = setup({ errorDetails: false });
    const token = Calendar.Events.list(CAL).nextSyncToken!;
    emu.invalidateSyncTokens(CAL);
    const gone = thrown(() => Calendar.Events.list(CAL, { syncToken: token }));
    expect(gone.message).toBe(
      'API call to calendar.events.list failed with error: Sync token is no longer valid, a full sync is required.',
    );
    expect(gone.details).toBeUndefined();
    expect(apiErrorCode(gone)).toBeUndefined();
    emu.injectFault({ code: 403, reason: 'rateLimitExceeded' });
    const limited = thrown(() => Calendar.Events.list(CAL));
    expect(limited.message).toBe('API call to calendar.events.list failed with error: Rate Limit Exceeded');
    expect(limited.details).toBeUndefined();
  });

  it('the shape can be switched while running', () => {
    const { emu, Calendar } = setup();
    expect(apiErrorCode(thrown(() => Calendar.Events.get(CAL, 'missing01')))).toBe(404);
    emu.errorDetails = false;
    const bare = thrown(() => Calendar.Events.get(CAL, 'missing01'));
    expect(bare.message).toBe('API call to calendar.events.get failed with error: Not Found');
    expect(apiErrorCode(bare)).toBeUndefined();
  });
});

describe('who changed the calendar (installable-triggers guide: "API requests don\'t cause triggers to run")', () => {
  it('changes through the advanced service are reported with origin "api", the UI\'s with "user"', () => {
    const { emu, Calendar } = setup();
    const origins: string[] = [];
    emu.onChange((_id, origin) => origins.push(origin));
    const ev = Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), CAL);
    emu.editEvent(CAL, ev.id!, { summary: 'by hand' });
    emu.addCalendar('team@example.com');
    Calendar.Events.move(CAL, ev.id!, 'team@example.com');
    expect(origins).toEqual(['api', 'user', 'api', 'api']);
  });
});

describe('a calendar the user can only read (CalendarList accessRole "reader")', () => {
  it('lists and reads, but API writes answer 403 requiredAccessLevel (ASSUMPTION: reported wording)', () => {
    const { emu, Calendar } = setup();
    emu.addCalendar('holidays@example.com', 'reader');
    const ev = emu.putEvent('holidays@example.com', timed('2026-11-24T10:00:00Z'));
    expect(Calendar.CalendarList.list().items.find((c) => c.id === 'holidays@example.com')?.accessRole).toBe(
      'reader',
    );
    expect(Calendar.Events.get('holidays@example.com', ev.id!).id).toBe(ev.id);
    for (const write of [
      () => Calendar.Events.patch({ summary: 'x' }, 'holidays@example.com', ev.id!),
      () => Calendar.Events.insert(timed('2026-11-24T10:00:00Z'), 'holidays@example.com'),
      () => Calendar.Events.remove('holidays@example.com', ev.id!),
      () => Calendar.Events.move('holidays@example.com', ev.id!, CAL),
    ]) {
      const err = thrown(write);
      expect(err.details.code).toBe(403);
      expect(err.details.errors[0]).toMatchObject({ domain: 'calendar', reason: 'requiredAccessLevel' });
    }
  });
});
