import { differences, expectedAtVendor } from '../../src/audit/compare';
import type { SyncedFields } from '../../src/calendar/syncedFields';
import { type AdapterName, BRAND } from '../../src/config/brand';
import type { HttpClient } from '../../src/platform/ports';
import { adapterFor } from '../../src/vendor/openVendor';
import { type MeetingOptions, SWITCH_OPTIONS } from '../../src/vendor/options';
import type {
  CallOutcome,
  MeetingOptionsCapability,
  VendorPort,
  VendorSnapshot,
} from '../../src/vendor/port';

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

interface Check {
  name: string;
  only?: AdapterName;
  /** Run only for an adapter that declares meeting options (VendorPort.meetingOptions). */
  options?: true;
  run(ctx: Ctx): void;
}

/** The options a read holds, or a failure. */
function readOptions(c: Ctx): { options: MeetingOptions; passcode?: string } {
  const [read] = c.port.send([{ op: 'lookup', conferenceId: created(c) }]);
  expectKind(read, 'applied');
  const held = (read as { value: VendorSnapshot }).value;
  if (!held.options) throw new Failed('the read holds no meeting options');
  return {
    options: held.options,
    ...(held.conference.passcode ? { passcode: held.conference.passcode } : {}),
  };
}

function capability(c: Ctx): MeetingOptionsCapability {
  if (!c.port.meetingOptions) throw new Failed('the adapter declares no meeting options');
  return c.port.meetingOptions;
}

/** Sends `change` in one write and checks that a read then holds it. */
function optionsRoundTrip(c: Ctx, change: MeetingOptions): void {
  expectKind(capability(c).write(created(c), change), 'applied');
  const { options } = readOptions(c);
  for (const [name, value] of Object.entries(change)) {
    const held = options[name as keyof MeetingOptions];
    if (JSON.stringify(held) !== JSON.stringify(value))
      throw new Failed(`${name}: sent ${JSON.stringify(value)}, the read holds ${JSON.stringify(held)}`);
  }
}

const OPTION_CHECKS: Check[] = [
  {
    name: 'meeting options: every on/off option the adapter declares is changed in one write and read back',
    options: true,
    run(c) {
      const { options } = readOptions(c);
      const flipped: MeetingOptions = {};
      for (const name of SWITCH_OPTIONS.filter(
        (o) => capability(c).supported.includes(o) && o !== 'passcode',
      ))
        flipped[name] = !(options[name] ?? false);
      optionsRoundTrip(c, flipped);
    },
  },
  {
    name: 'meeting options: the passcode turned off and on again (the read gives the new passcode)',
    options: true,
    run(c) {
      if (!capability(c).supported.includes('passcode')) return;
      optionsRoundTrip(c, { passcode: false });
      if (readOptions(c).passcode) throw new Failed('a passcode is still given after turning it off');
      optionsRoundTrip(c, { passcode: true });
      if (!readOptions(c).passcode) throw new Failed('no passcode after turning it on');
    },
  },
  {
    name: 'meeting options: alternative hosts are set as a whole list',
    options: true,
    run(c) {
      if (!capability(c).supported.includes('alternativeHosts')) return;
      optionsRoundTrip(c, { alternativeHosts: ['host1@example.com', 'host2@example.com'] });
      optionsRoundTrip(c, { alternativeHosts: ['host2@example.com'] });
    },
  },
  {
    name: "meeting options: an update of the synced fields (the sync's) leaves every option as it is",
    options: true,
    run(c) {
      const before = readOptions(c).options;
      const fields = { ...FIELDS, title: 'Contract check (options kept)' };
      expectKind(c.port.send([{ op: 'update', conferenceId: created(c), fields }])[0], 'applied');
      const after = readOptions(c).options;
      if (JSON.stringify(after) !== JSON.stringify(before))
        throw new Failed(`options changed: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
    },
  },
];

const CHECKS: Check[] = [
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
    name: 'a batch read (where the adapter declares readMany) answers each id as a lookup would: found, or gone',
    run(c) {
      if (!c.port.readMany) return; // not declared by this adapter (Zoom reads one by one)
      const unknown = c.vendor === 'zoom' ? '1' : 'cnf_contract_unknown';
      const many = c.port.readMany([created(c), unknown]);
      if (!many) throw new Failed('the server does not offer the batch read (404 or 405)');
      expectKind(many[0], 'applied');
      expectKind(many[1], 'already-gone');
      const [one] = c.port.send([{ op: 'lookup', conferenceId: created(c) }]);
      const held = (many[0] as { value: VendorSnapshot }).value;
      const differ = one?.kind === 'applied' ? differences(held, one.value as VendorSnapshot) : ['lookup'];
      if (differ.length > 0) throw new Failed(`the batch read differs from a lookup in ${differ.join(', ')}`);
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
  ...OPTION_CHECKS,
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
  const applies = (check: Check) =>
    (!check.only || check.only === options.vendor) &&
    (!check.options || ctx.port.meetingOptions !== undefined);
  return CHECKS.filter(applies).map((check) => {
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
