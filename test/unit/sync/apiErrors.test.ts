import { calendarErrorKind } from '../../../src/calendar/apiErrors';

/*
 * Google's "Handle API errors" guide (developers.google.com/workspace/calendar/api/guides/errors)
 * lists the errors and their messages; Google's advanced-service sample matches on the message alone,
 * so each kind is recognised with `details` and without.
 */
const advanced = (message: string) =>
  new Error(`API call to calendar.events.list failed with error: ${message}`);
const withDetails = (code: number, reason: string, message: string) =>
  Object.assign(new Error(message), { details: { code, message, errors: [{ reason, message }] } });

describe('Calendar API errors as documented (guides/errors)', () => {
  it.each([
    ['403 usageLimits rateLimitExceeded', withDetails(403, 'rateLimitExceeded', 'Rate Limit Exceeded')],
    [
      '403 usageLimits userRateLimitExceeded',
      withDetails(403, 'userRateLimitExceeded', 'User Rate Limit Exceeded'),
    ],
    ['403 usageLimits quotaExceeded', withDetails(403, 'quotaExceeded', 'Calendar usage limits exceeded.')],
    ['429 rateLimitExceeded', withDetails(429, 'rateLimitExceeded', 'Rate Limit Exceeded')],
    ['message only: Rate Limit Exceeded', advanced('Rate Limit Exceeded')],
    ['message only: User Rate Limit Exceeded', advanced('User Rate Limit Exceeded')],
    ['message only: Calendar usage limits exceeded.', advanced('Calendar usage limits exceeded.')],
  ])('%s -> rate-limited (back off, keep the place)', (_name, error) => {
    expect(calendarErrorKind(error)).toBe('rate-limited');
  });

  it('410 fullSyncRequired, with or without details, and the bare sentence -> sync-token-expired', () => {
    const sentence = 'Sync token is no longer valid, a full sync is required.';
    expect(calendarErrorKind(withDetails(410, 'fullSyncRequired', sentence))).toBe('sync-token-expired');
    expect(calendarErrorKind(advanced(sentence))).toBe('sync-token-expired');
    expect(calendarErrorKind(new Error(sentence))).toBe('sync-token-expired');
  });

  // guides/errors, "500: Backend error": reason backendError, "Backend Error"; "Suggested action: Use
  // exponential backoff." The add-on backs off as for a rate limit instead of treating it as unknown.
  it('500 backendError, with or without details -> backend-error (back off, keep the place)', () => {
    expect(calendarErrorKind(withDetails(500, 'backendError', 'Backend Error'))).toBe('backend-error');
    expect(calendarErrorKind(advanced('Backend Error'))).toBe('backend-error');
  });

  // guides/errors, "410: Gone": "This error can also occur if a request attempts to delete an event that
  // has already been deleted" (domain global, reason deleted): the event is gone, the sync token is fine.
  it('410 deleted ("Resource has been deleted") -> not-found, not sync-token-expired', () => {
    expect(calendarErrorKind(withDetails(410, 'deleted', 'Resource has been deleted'))).toBe('not-found');
    expect(calendarErrorKind(advanced('Resource has been deleted'))).toBe('not-found');
  });

  it('404 notFound -> not-found (never read as deleted by itself); 412 -> precondition-failed', () => {
    expect(calendarErrorKind(withDetails(404, 'notFound', 'Not Found'))).toBe('not-found');
    expect(calendarErrorKind(advanced('Not Found'))).toBe('not-found');
    expect(calendarErrorKind(advanced('Precondition Failed'))).toBe('precondition-failed');
  });

  it('a 403 that is not usageLimits is forbidden, not a rate limit', () => {
    expect(
      calendarErrorKind(
        withDetails(403, 'requiredAccessLevel', 'You need to have writer access to this calendar.'),
      ),
    ).toBe('forbidden');
  });

  it('anything else is unknown, without throwing', () => {
    expect(calendarErrorKind(new Error('Service unavailable'))).toBe('unknown');
    expect(calendarErrorKind(undefined)).toBe('unknown');
    expect(calendarErrorKind('plain string')).toBe('unknown');
  });
});
