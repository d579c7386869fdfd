import { type CreateContext, createConference, createLive } from '../../../src/conference/createConference';
import { BRAND } from '../../../src/config/brand';
import { ConfigError } from '../../../src/config/config';
import type { ConferenceDataFactory, ConferenceDetails, Services } from '../../../src/platform/ports';
import type {
  CallOutcome,
  CreateRequest,
  VendorConference,
  VendorOutcome,
  VendorPort,
} from '../../../src/vendor/port';
import { MemoryStore } from '../helpers';

/**
 * onCreate on the vendor port, with a small in-memory vendor (it keeps conferences; a scripted
 * list of answers stands in for faults) and a factory that returns what it was asked to build.
 */
class FakeVendor implements VendorPort {
  conferences = new Map<string, VendorConference>();
  creates: CreateRequest[] = [];
  /** Answers to give instead of creating, first to last. */
  script: Array<VendorOutcome<VendorConference>> = [];
  constructor(readonly idempotentCreate: boolean) {}
  create(request: CreateRequest): VendorOutcome<VendorConference> {
    this.creates.push(request);
    const scripted = this.script.shift();
    if (scripted) return scripted;
    const id = `c${this.conferences.size + 1}`;
    const conference = {
      id,
      joinUrl: `https://v.example/j/${id}`,
      passcode: 'pw',
      dialIn: [
        { number: '+1 (555) 0100', pin: '42', regionCode: 'us', charge: 'toll' as const },
        { number: '+49 30 555', pin: '42', regionCode: 'Germany' },
        { number: 'call us', pin: '42' },
      ],
      dialInListUrl: `https://v.example/dial/${id}`,
    };
    this.conferences.set(id, conference);
    return { kind: 'applied', value: conference };
  }
  send(calls: Parameters<VendorPort['send']>[0]): CallOutcome[] {
    return calls.map((c) =>
      this.conferences.has(c.conferenceId) ? { kind: 'applied', value: null } : { kind: 'already-gone' },
    );
  }
  testConnection(): VendorOutcome<null> {
    return { kind: 'applied', value: null };
  }
}

type Built = { success: ConferenceDetails } | { error: string; url?: string };
const factory: ConferenceDataFactory = {
  success: (details) => ({ success: details }),
  error: (kind, url) => (url ? { error: kind, url } : { error: kind }),
};

function context(vendor: () => VendorPort, extra: Partial<CreateContext> = {}) {
  const logs: Array<Record<string, unknown>> = [];
  const log = (r: Record<string, unknown>) => logs.push(r);
  const services = {
    calendar: {
      get: () => {
        throw new Error('Not Found');
      },
    },
    userStore: new MemoryStore(),
    scriptStore: new MemoryStore(),
    http: { fetchAll: () => [] },
    clock: { now: () => 1_700_000_000_000, sleep: () => undefined },
    lock: { tryLock: () => false, release: () => undefined },
    triggers: {
      calendarTriggers: () => [],
      createCalendarTrigger: () => 't1',
      timeTriggers: () => [],
      createTimeTrigger: () => 't2',
      createHourlyTrigger: () => 't3',
      remove: () => undefined,
    },
    log: { info: log, warn: log, error: log },
    vendor,
  } as unknown as Services;
  const ctx: CreateContext = { services, factory, brand: BRAND, ...extra };
  return {
    ctx,
    logs,
    create: (solutionId = 'acme-web') =>
      createConference(ctx, solutionId, {
        eventData: { calendarId: 'cal@example.com', eventId: 'evt1' },
      }) as Built,
  };
}

describe('createConference', () => {
  it('success carries the manifest id of the picked solution (setConferenceSolutionId) and the marker', () => {
    const vendor = new FakeVendor(true);
    const built = context(() => vendor).create('acme-recorded');
    expect(built).toEqual({
      success: {
        conferenceId: 'c1',
        solutionId: 'acme-recorded',
        entries: {
          video: { uri: 'https://v.example/j/c1', passcode: 'pw' },
          // A region that is no CLDR code is left out; a "number" without digits is no entry point.
          phones: [
            { uri: 'tel:+15550100', pin: '42', regionCode: 'US', charge: 'toll' },
            { uri: 'tel:+4930555', pin: '42' },
          ],
          moreUri: 'https://v.example/dial/c1',
        },
        parameters: { createdBy: 'acme-calendar-addon', solutionId: 'acme-recorded' },
        notes: "Acme meeting. Changes to the event's title, time and guests reach Acme automatically.",
      },
    });
  });

  it("the conference notes are in the organizer's language (the session's locale)", () => {
    const vendor = new FakeVendor(true);
    const built = context(() => vendor, { locale: 'de' }).create();
    expect((built as { success: ConferenceDetails }).success.notes).toBe(
      'Acme-Besprechung. Änderungen an Titel, Zeit und Gästen des Termins erreichen Acme automatisch.',
    );
  });

  it('remembers the conference for the sync engine (an unsaved event: what is known was sent)', () => {
    const vendor = new FakeVendor(true);
    const { ctx, create } = context(() => vendor);
    create();
    expect(JSON.stringify((ctx.services.userStore as MemoryStore).data)).toContain('c1');
  });

  it('an unknown solution id or missing event ids: PERMANENT, no vendor call', () => {
    const vendor = new FakeVendor(true);
    const { ctx, create } = context(() => vendor);
    expect(create('not-configured')).toEqual({ error: 'PERMANENT' });
    expect(createConference(ctx, 'acme-web', {})).toEqual({ error: 'PERMANENT' });
    expect(vendor.creates).toHaveLength(0);
  });

  it('invalid configuration: PERMANENT with the problem logged', () => {
    const { logs, create } = context(() => {
      throw new ConfigError('Missing Script Property: CONFERENCE_API_KEY');
    });
    expect(create()).toEqual({ error: 'PERMANENT' });
    expect(logs.some((l) => l.error === 'Missing Script Property: CONFERENCE_API_KEY')).toBe(true);
  });

  it('any other failure opening the vendor: UNKNOWN (ConferenceErrorType), logged, never thrown at Calendar', () => {
    const { logs, create } = context(() => {
      throw new Error('Service invoked too many times for one day: properties');
    });
    expect(create()).toEqual({ error: 'UNKNOWN' });
    expect(logs.some((l) => l.error === 'Service invoked too many times for one day: properties')).toBe(true);
  });

  it('not signed in: AUTHENTICATION with the sign-in URL; without a URL it is PERMANENT (ConferenceError reference)', () => {
    const notSignedIn = () => {
      throw new ConfigError('not signed in', 'not-signed-in');
    };
    const withUrl = context(notSignedIn, {
      signIn: { url: () => 'https://v.example/authorize', forget: () => undefined },
    });
    expect(withUrl.create()).toEqual({ error: 'AUTHENTICATION', url: 'https://v.example/authorize' });
    const noUrl = context(notSignedIn, { signIn: { url: () => undefined, forget: () => undefined } });
    expect(noUrl.create()).toEqual({ error: 'PERMANENT' });
  });

  it('a refused API key (no sign-in URL): PERMANENT, logged with the reason it is not AUTHENTICATION', () => {
    const vendor = new FakeVendor(true);
    vendor.script = [{ kind: 'unauthorized', detail: 'status 401' }];
    const { logs, create } = context(() => vendor);
    expect(create()).toEqual({ error: 'PERMANENT' });
    expect(logs.map((l) => String(l.msg)).join('\n')).toContain('an API key has no sign-in URL');
  });

  it('a refused user token is forgotten and the user is asked to sign in again', () => {
    const vendor = new FakeVendor(true);
    vendor.script = [{ kind: 'unauthorized', detail: 'status 401' }];
    let forgotten = 0;
    const { create } = context(() => vendor, {
      signIn: { url: () => 'https://v.example/authorize', forget: () => forgotten++ },
    });
    expect(create()).toEqual({ error: 'AUTHENTICATION', url: 'https://v.example/authorize' });
    expect(forgotten).toBe(1);
  });

  it.each([
    [{ kind: 'refused', reason: 'forbidden', detail: '403' }, 'PERMISSION_DENIED'],
    [{ kind: 'refused', reason: 'bad-answer', detail: 'x' }, 'PERMANENT'],
    [{ kind: 'unreachable', detail: 'dns' }, 'TEMPORARY'],
    [{ kind: 'retry-later', detail: '503', delayMs: 60_000 }, 'TEMPORARY'],
  ] as const)('%j becomes %s', (outcome, kind) => {
    const vendor = new FakeVendor(true);
    vendor.script = [outcome as VendorOutcome<VendorConference>];
    expect(context(() => vendor).create()).toEqual({ error: kind });
  });
});

describe('createLive (repeats and replays)', () => {
  const request: CreateRequest = {
    calendarId: 'cal',
    eventId: 'evt',
    solutionId: 'acme-web',
    fields: { title: null, start: null, end: null, attendees: [], recurrence: [] },
  };
  const clock = { clock: { now: () => 0, sleep: () => undefined } };

  it('an idempotent create is repeated once after a short 500; a non-idempotent one only after a 429', () => {
    const acme = new FakeVendor(true);
    acme.script = [{ kind: 'retry-later', detail: '500' }];
    expect(createLive(clock, acme, request).kind).toBe('applied');
    expect(acme.creates).toHaveLength(2);

    const zoom = new FakeVendor(false);
    zoom.script = [{ kind: 'retry-later', detail: '500' }];
    expect(createLive(clock, zoom, request).kind).toBe('retry-later');
    expect(zoom.creates).toHaveLength(1);

    const limited = new FakeVendor(false);
    limited.script = [{ kind: 'retry-later', detail: '429', delayMs: 1000, rateLimited: true }];
    expect(createLive(clock, limited, request).kind).toBe('applied');
    expect(limited.creates).toHaveLength(2);
  });

  it('a replay of a deleted conference is replaced by a create keyed on it', () => {
    const vendor = new FakeVendor(true);
    vendor.script = [
      { kind: 'applied', value: { id: 'gone', joinUrl: 'https://v.example/j/gone' }, replay: true },
    ];
    const outcome = createLive(clock, vendor, request);
    expect(outcome).toMatchObject({ kind: 'applied', value: { id: 'c1' } });
    expect(vendor.creates[1]).toMatchObject({ after: 'gone' });
  });
});
