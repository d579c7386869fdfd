import { differences, expectedAtVendor } from '../../src/audit/compare';
import type { SyncedFields } from '../../src/calendar/syncedFields';
import { type AdapterName, BRAND } from '../../src/config/brand';
import type { HttpClient } from '../../src/platform/ports';
import { adapterFor } from '../../src/vendor/openVendor';
import type { CallOutcome, VendorPort, VendorSnapshot } from '../../src/vendor/port';

/**
 * An adapter's contract: the behaviours the add-on relies on, checked through the adapter itself
 * (the same code that runs in Apps Script) against a live server. Each check names the behaviour;
 * the sync engine and onCreate depend on exactly these outcome kinds.
 */

export interface ContractOptions {
  baseUrl: string;
  apiKey: string;
  vendor: AdapterName;
  http: HttpClient;
}

export interface CheckResult {
  name: string;
  passed: boolean;
  detail?: string;
}

interface Ctx {
  port: VendorPort;
  wrongKey: VendorPort;
  vendor: AdapterName;
  created?: string;
}

const FIELDS: SyncedFields = {
  title: 'Contract check',
  start: { dateTime: '2030-01-07T10:00:00Z', timeZone: 'UTC' },
  end: { dateTime: '2030-01-07T10:30:00Z', timeZone: 'UTC' },
  attendees: ['contract@example.com'],
  recurrence: [],
};

class Failed extends Error {}
function expectKind(outcome: CallOutcome | undefined, kind: string): void {
  if (outcome?.kind !== kind) {
    const detail = outcome && 'detail' in outcome ? ` (${outcome.detail})` : '';
    throw new Failed(`expected ${kind}, got ${outcome?.kind ?? 'nothing'}${detail}`);
  }
}
function created(ctx: Ctx): string {
  if (!ctx.created) throw new Failed('no conference was created by an earlier check');
  return ctx.created;
}

const CHECKS: Array<{ name: string; only?: AdapterName; run(ctx: Ctx): void }> = [
  {
    name: 'the connection test accepts the credential',
    run: (c) => expectKind(c.port.testConnection(), 'applied'),
  },
  {
    name: 'a wrong credential is refused as unauthorized (401)',
    run: (c) => expectKind(c.wrongKey.testConnection(), 'unauthorized'),
  },
  {
    name: 'create returns a conference with an id and an https join URL',
    run(c) {
      const outcome = c.port.create({
        calendarId: 'contract@example.com',
        eventId: `contract${Date.now()}`,
        solutionId: BRAND.solutions[0]!.id,
        fields: FIELDS,
      });
      expectKind(outcome, 'applied');
      if (outcome.kind !== 'applied' || !/^https:\/\//.test(outcome.value.joinUrl))
        throw new Failed('no https join URL');
      c.created = outcome.value.id;
    },
  },
  {
    name: 'a repeated create with the same request returns the same conference (Idempotency-Key)',
    only: 'acme',
    run(c) {
      const request = {
        calendarId: 'contract@example.com',
        eventId: 'contract-idempotency',
        solutionId: BRAND.solutions[0]!.id,
        fields: FIELDS,
      };
      const first = c.port.create(request);
      const second = c.port.create(request);
      expectKind(second, 'applied');
      if (first.kind !== 'applied' || second.kind !== 'applied' || first.value.id !== second.value.id) {
        throw new Failed('two different conferences');
      }
      c.port.send([{ op: 'delete', conferenceId: first.value.id }]);
    },
  },
  { name: 'lookup returns what was created (title, guests)', run: (c) => lookupMatches(c, FIELDS) },
  {
    name: 'update is applied and visible in a lookup',
    run(c) {
      const fields = {
        ...FIELDS,
        title: 'Contract check (renamed)',
        attendees: ['a@example.com', 'b@example.com'],
      };
      const [outcome] = c.port.send([{ op: 'update', conferenceId: created(c), fields }]);
      expectKind(outcome, 'applied');
      lookupMatches(c, fields);
    },
  },
  {
    name: "a read (the audit's) returns the join URL and exactly what was sent: title, time, guests, series",
    run(c) {
      const fields = {
        ...FIELDS,
        title: 'Contract check (read)',
        start: { dateTime: '2030-01-08T09:15:00Z', timeZone: 'UTC' },
        end: { dateTime: '2030-01-08T10:05:00Z', timeZone: 'UTC' },
        recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4'],
      };
      expectKind(c.port.send([{ op: 'update', conferenceId: created(c), fields }])[0], 'applied');
      const [read] = c.port.send([{ op: 'lookup', conferenceId: created(c) }]);
      expectKind(read, 'applied');
      const held = (read as { value: VendorSnapshot }).value;
      if (!/^https:\/\//.test(held.conference.joinUrl)) throw new Failed('no https join URL in the read');
      const differ = differences(expectedAtVendor(c.port, fields), held);
      if (differ.length > 0) throw new Failed(`the read differs in ${differ.join(', ')}`);
    },
  },
  {
    name: 'a read with a wrong credential is unauthorized (401), not "gone"',
    run: (c) => expectKind(c.wrongKey.send([{ op: 'lookup', conferenceId: created(c) }])[0], 'unauthorized'),
  },
  {
    name: 'a weekly series with an end is accepted as a series',
    run(c) {
      const fields = { ...FIELDS, recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5'] };
      expectKind(c.port.send([{ op: 'update', conferenceId: created(c), fields }])[0], 'applied');
      const [lookup] = c.port.send([{ op: 'lookup', conferenceId: created(c) }]);
      const held = lookup?.kind === 'applied' ? (lookup.value as VendorSnapshot).recurrence : [];
      if (held.length !== 1) throw new Failed(`the vendor holds no series (${JSON.stringify(held)})`);
    },
  },
  {
    name: 'delete is applied, and a read of the conference then says gone (404)',
    run(c) {
      expectKind(c.port.send([{ op: 'delete', conferenceId: created(c) }])[0], 'applied');
      expectKind(c.port.send([{ op: 'lookup', conferenceId: created(c) }])[0], 'already-gone');
    },
  },
  {
    name: 'deleting again counts as already gone (404)',
    run: (c) => expectKind(c.port.send([{ op: 'delete', conferenceId: created(c) }])[0], 'already-gone'),
  },
  {
    name: 'an unknown conference is already gone (404)',
    run: (c) =>
      expectKind(
        c.port.send([{ op: 'lookup', conferenceId: c.vendor === 'zoom' ? '1' : 'cnf_contract_unknown' }])[0],
        'already-gone',
      ),
  },
];

function lookupMatches(c: Ctx, fields: SyncedFields): void {
  const [outcome] = c.port.send([{ op: 'lookup', conferenceId: created(c) }]);
  expectKind(outcome, 'applied');
  const held = (outcome as { value: VendorSnapshot }).value;
  if (held.title !== fields.title) throw new Failed(`title ${JSON.stringify(held.title)}`);
  if ([...held.attendees].sort().join() !== [...fields.attendees].sort().join()) {
    throw new Failed(`guests ${JSON.stringify(held.attendees)}`);
  }
}

export function runContract(options: ContractOptions): CheckResult[] {
  const baseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const setup = {
    brand: { ...BRAND, adapter: options.vendor },
    http: options.http,
    clock: { now: () => Date.now() },
  };
  const ctx: Ctx = {
    port: adapterFor(setup, { baseUrl }, { bearer: options.apiKey, source: 'api-key' }),
    wrongKey: adapterFor(setup, { baseUrl }, { bearer: `wrong-${options.apiKey}`, source: 'api-key' }),
    vendor: options.vendor,
  };
  return CHECKS.filter((check) => !check.only || check.only === options.vendor).map((check) => {
    try {
      check.run(ctx);
      return { name: check.name, passed: true };
    } catch (error) {
      return {
        name: check.name,
        passed: false,
        detail: error instanceof Error ? error.message : String(error),
      };
    }
  });
}
