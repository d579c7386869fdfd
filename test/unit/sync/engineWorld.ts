import { CalendarEmulator } from '../../../emulator/calendar/calendarEmulator';
import { SimClock } from '../../../emulator/clock';
import { simpleContext } from '../../../emulator/context';
import type { CalendarEvent, CalendarListEntry, EventsPage } from '../../../src/calendar/types';
import { newRecord } from '../../../src/conference/lifecycle';
import type { CalendarApi, HttpResult, Services } from '../../../src/platform/ports';
import { lockFree } from '../../../src/state/userState';
import { AcmeAdapter } from '../../../src/vendor/adapters/acme';
import { createVendorApp } from '../../../vendor-server/app';
import { MemoryStore } from '../helpers';

export const CAL = 'user@example.com';
export const TEAM = 'team@example.com';
const KEY = 'unit-test-key';
const BASE = 'https://conference.example.com/';

/**
 * The sync engine in TypeScript (no bundle) on real parts: the Calendar emulator's advanced service,
 * the reference vendor server in-process behind the Acme adapter, an in-memory property store. Only
 * the lock and the triggers are plain in-memory stand-ins.
 */
export function engineWorld() {
  const clock = new SimClock(Date.UTC(2026, 10, 23, 9, 0, 0));
  const calendar = new CalendarEmulator(simpleContext(clock), { userEmail: CAL });
  const vendor = createVendorApp({ apiKey: KEY, idSeed: 5, now: () => clock.now() });
  const store = new MemoryStore();
  const triggers: Array<{ uid: string; handler: string; calendarId: string }> = [];
  const logs: Array<Record<string, unknown>> = [];
  let uid = 0;
  const fetchAll = (
    requests: Array<{ url: string; method: string; headers: Record<string, string>; payload?: string }>,
  ) =>
    requests.map((r): HttpResult => {
      const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]));
      const res = vendor.handle({
        method: r.method.toUpperCase(),
        path: `/${r.url.slice(BASE.length)}`,
        headers,
        body: r.payload ?? '',
      });
      if (res.status === 0) return { kind: 'network-error', message: 'Address unavailable' };
      return { kind: 'response', status: res.status, body: res.body, headers: res.headers };
    });
  const api = calendar.service as unknown as {
    Events: {
      list(c: string, o: object): EventsPage;
      get(c: string, e: string): CalendarEvent;
      patch(r: object, c: string, e: string, o: object, h?: object): CalendarEvent;
    };
    CalendarList: { list(): { items: CalendarListEntry[] } };
  };
  const calendarApi: CalendarApi = {
    calendars: () => api.CalendarList.list().items,
    list: (c, o) => api.Events.list(c, o),
    get: (c, e) => api.Events.get(c, e),
    patch: (r, c, e, o, h) => api.Events.patch(r, c, e, o, h),
  };
  const services: Services = {
    calendar: calendarApi,
    userStore: store,
    scriptStore: new MemoryStore(),
    http: { fetchAll },
    clock: { now: () => clock.now(), sleep: (ms) => clock.advance(ms) },
    lock: { tryLock: () => true, release: () => {} },
    triggers: {
      calendarTriggers: () => triggers.filter((t) => t.calendarId !== ''),
      createCalendarTrigger: (handler, calendarId) => {
        triggers.push({ uid: `t${++uid}`, handler, calendarId });
        return `t${uid}`;
      },
      timeTriggers: (handler) => triggers.filter((t) => t.calendarId === '' && t.handler === handler),
      createHourlyTrigger: (handler) => {
        triggers.push({ uid: `t${++uid}`, handler, calendarId: '' });
        return `t${uid}`;
      },
      remove: (id) => {
        const i = triggers.findIndex((t) => t.uid === id);
        if (i >= 0) triggers.splice(i, 1);
      },
    },
    log: { info: (r) => logs.push(r), warn: (r) => logs.push(r), error: (r) => logs.push(r) },
    vendor: () =>
      new AcmeAdapter({ baseUrl: BASE, apiKey: KEY } as never, { fetchAll }, { now: () => clock.now() }),
  };

  /** A meeting with our conference: created at the vendor, recorded as onCreate would, then saved. */
  function meeting(calendarId: string, fields: CalendarEvent) {
    const created = vendor.handle({
      method: 'POST',
      path: '/conferences',
      headers: {
        authorization: `Bearer ${KEY}`,
        'content-type': 'application/json',
        'idempotency-key': `k${++uid}`,
      },
      body: JSON.stringify({ calendarId, eventId: `pending${uid}`, solutionId: 'acme-web' }),
    });
    const conference = JSON.parse(created.body) as { id: string; joinUrl: string };
    const event = calendar.putEvent(calendarId, {
      ...fields,
      conferenceData: {
        conferenceId: conference.id,
        conferenceSolution: { key: { type: 'addOn' }, name: 'Acme' },
        entryPoints: [{ entryPointType: 'video', uri: conference.joinUrl }],
        parameters: {
          addOnParameters: { parameters: { createdBy: 'acme-calendar-addon', solutionId: 'acme-web' } },
        },
      },
    });
    lockFree.putNewRecord(
      store,
      calendarId,
      newRecord({
        conferenceId: conference.id,
        eventId: event.id!,
        solutionId: 'acme-web',
        unconfirmed: true,
        createdMin: Math.floor(clock.now() / 60000),
      }),
    );
    return { eventId: event.id!, conferenceId: conference.id };
  }

  return { clock, calendar, vendor, store, triggers, logs, services, meeting };
}

export const at = (iso: string) => ({ dateTime: iso, timeZone: 'UTC' });
