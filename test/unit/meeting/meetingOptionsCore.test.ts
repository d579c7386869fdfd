import { optionsView } from '../../../src/cards/meetingOptions';
import { optionChange } from '../../../src/cards/optionActions';
import { conferenceEntries, MAX_PHONE_ENTRY_POINTS, showsEntries } from '../../../src/meeting/entryPoints';
import { newMeetingOptions, readUserDefaults, writeUserDefault } from '../../../src/meeting/meetingDefaults';
import type { PropertyStore } from '../../../src/platform/ports';
import { zoomOptionsBody, zoomOptionsOf } from '../../../src/vendor/adapters/zoomMapping';
import { MEETING_OPTIONS, onlySupported } from '../../../src/vendor/options';

/** The pure parts of issue 23: entry points within Google's limits, defaults, Zoom's option mapping. */

function memoryStore(): PropertyStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getAll: () => Object.fromEntries(values),
    get: (k) => values.get(k) ?? null,
    setMany: (v) => {
      for (const [k, x] of Object.entries(v)) values.set(k, x);
    },
    set: (k, v) => void values.set(k, v),
    remove: (k) => void values.delete(k),
  };
}

describe('conferenceEntries: the dial-in as Calendar entry points, within Google limits', () => {
  const base = { id: 'c1', joinUrl: 'https://v.example/j/c1' };

  it('one PHONE per distinct number (at most 10), MORE only with an http(s) list URL', () => {
    const dialIn = Array.from({ length: 14 }, (_, i) => ({ number: `+1 555 01${i % 12}`, regionCode: 'US' }));
    const entries = conferenceEntries({ ...base, dialIn, dialInListUrl: 'https://v.example/dial' });
    expect(entries.phones).toHaveLength(MAX_PHONE_ENTRY_POINTS);
    expect(new Set(entries.phones.map((p) => p.uri)).size).toBe(MAX_PHONE_ENTRY_POINTS);
    expect(entries.moreUri).toBe('https://v.example/dial');
    expect(conferenceEntries({ ...base, dialInListUrl: 'ftp://v.example/dial' }).moreUri).toBeUndefined();
  });

  it('a PIN or passcode over 128 characters is left out; so is a region that is no CLDR code', () => {
    const entries = conferenceEntries({
      ...base,
      passcode: 'p'.repeat(129),
      dialIn: [
        { number: '+46 8 555', pin: '1'.repeat(129), regionCode: 'Sweden' },
        { number: '+46 8 556', regionCode: 'se' },
      ],
    });
    expect(entries.video).toEqual({ uri: base.joinUrl });
    expect(entries.phones).toEqual([{ uri: 'tel:+468555' }, { uri: 'tel:+468556', regionCode: 'SE' }]);
  });

  it('showsEntries: the event already shows the link, passcode, numbers and PINs', () => {
    const entries = conferenceEntries({ ...base, passcode: 'x', dialIn: [{ number: '+1 555', pin: '9' }] });
    const shown = {
      entryPoints: [
        { entryPointType: 'video', uri: base.joinUrl, passcode: 'x' },
        { entryPointType: 'phone', uri: 'tel:+1555', pin: '9' },
      ],
    };
    expect(showsEntries(shown, entries)).toBe(true);
    expect(
      showsEntries(
        { entryPoints: [{ ...shown.entryPoints[0]!, passcode: 'old' }, shown.entryPoints[1]!] },
        entries,
      ),
    ).toBe(false);
  });
});

describe("defaults for new meetings: the user's, else the organisation's, only what the vendor has", () => {
  it('stores the user defaults under their own key and forgets them one by one', () => {
    const store = memoryStore();
    writeUserDefault(store, 'muteOnEntry', true);
    writeUserDefault(store, 'waitingRoom', false);
    expect([...store.values.keys()]).toEqual(['o:defaults']);
    expect(readUserDefaults(store)).toEqual({ muteOnEntry: true, waitingRoom: false });
    writeUserDefault(store, 'muteOnEntry', undefined);
    writeUserDefault(store, 'waitingRoom', undefined);
    expect(store.values.size).toBe(0);
    store.set('o:defaults', '{not json');
    expect(readUserDefaults(store)).toEqual({});
  });

  it('the user wins per option; options the vendor lacks are not sent', () => {
    const user = { waitingRoom: false };
    const organisation = { waitingRoom: true, muteOnEntry: true, autoRecording: true };
    expect(newMeetingOptions(user, organisation, MEETING_OPTIONS)).toEqual({
      waitingRoom: false,
      muteOnEntry: true,
      autoRecording: true,
    });
    expect(newMeetingOptions(user, organisation, ['muteOnEntry'])).toEqual({ muteOnEntry: true });
    expect(onlySupported({ alternativeHosts: ['B@x.com', 'b@x.com', 'no'] }, MEETING_OPTIONS)).toEqual({
      alternativeHosts: ['b@x.com'],
    });
  });
});

describe("Zoom's meeting settings for the options", () => {
  it('a change carries only the options given; the passcode is a new one, or empty for off', () => {
    expect(zoomOptionsBody({ muteOnEntry: true }, () => 'x')).toEqual({
      settings: { mute_upon_entry: true },
    });
    expect(
      zoomOptionsBody(
        {
          passcode: true,
          waitingRoom: false,
          joinBeforeHost: true,
          autoRecording: true,
          alternativeHosts: ['a@x.com', 'b@x.com'],
        },
        () => '12345678',
      ),
    ).toEqual({
      password: '12345678',
      settings: {
        waiting_room: false,
        join_before_host: true,
        auto_recording: 'cloud',
        alternative_hosts: 'a@x.com,b@x.com',
      },
    });
    expect(zoomOptionsBody({ passcode: false }, () => 'x')).toEqual({ password: '', settings: {} });
  });

  it('a read: "local" recording counts as on, hosts split on commas or semicolons', () => {
    expect(
      zoomOptionsOf({
        password: '',
        settings: { waiting_room: true, auto_recording: 'local', alternative_hosts: 'a@x.com;B@x.com' },
      }),
    ).toEqual({
      passcode: false,
      waitingRoom: true,
      autoRecording: true,
      alternativeHosts: ['a@x.com', 'b@x.com'],
    });
  });
});

describe('the event card shows options only for an adapter that declares them', () => {
  const target = { calendarId: 'c', eventId: 'e', conferenceId: 'x' };
  const read = {
    kind: 'ok' as const,
    conference: {
      title: null,
      start: null,
      end: null,
      attendees: [],
      recurrence: [],
      options: { waitingRoom: true },
    },
  };
  const event = {
    organizer: { email: 'ada@x.com' },
    attendees: [{ email: 'ada@x.com' }, { email: 'Bob@x.com' }, { email: 'room@x.com', resource: true }],
  };
  const port = (withOptions: boolean) =>
    ({
      ...(withOptions
        ? { meetingOptions: { supported: ['waitingRoom'], write: () => ({ kind: 'applied', value: null }) } }
        : {}),
    }) as never;

  it('none without the capability, or when the vendor did not say what it holds', () => {
    expect(optionsView(port(false), read, event, target)).toBeUndefined();
    expect(optionsView(port(true), { kind: 'unavailable', reason: 'x' }, event, target)).toBeUndefined();
  });

  it('with it: the supported options, and the guests to choose hosts from (no organizer, no rooms)', () => {
    expect(optionsView(port(true), read, event, target)).toEqual({
      supported: ['waitingRoom'],
      held: { waitingRoom: true },
      guests: ['bob@x.com'],
      target,
    });
  });
});

describe("a button's parameters as a typed change", () => {
  it('on/off for a switch, the whole list for hosts; anything else is no change', () => {
    expect(optionChange({ option: 'waitingRoom', value: 'on' })).toEqual({
      option: 'waitingRoom',
      change: { waitingRoom: true },
    });
    expect(optionChange({ option: 'alternativeHosts', value: 'A@x.com,b@x.com' })).toEqual({
      option: 'alternativeHosts',
      change: { alternativeHosts: ['a@x.com', 'b@x.com'] },
    });
    expect(optionChange({ option: 'alternativeHosts', value: '' })?.change).toEqual({ alternativeHosts: [] });
    expect(optionChange({ option: 'waitingRoom', value: 'maybe' })).toBeUndefined();
    expect(optionChange({ option: 'lobby', value: 'on' })).toBeUndefined();
  });
});
