import { readVendorConfigFrom, readVendorEndpoint, settingsUrl } from '../../../src/config/config';

const WL = ['https://conference.example.com/'];

describe('vendor configuration (Script Properties)', () => {
  it('names every missing property and never a value', () => {
    expect(() => readVendorConfigFrom({}, [])).toThrow(
      'Missing Script Properties: CONFERENCE_API_BASE_URL, CONFERENCE_API_KEY',
    );
    expect(() => readVendorConfigFrom({ CONFERENCE_API_BASE_URL: 'https://x.com/' }, [])).toThrow(
      'Missing Script Property: CONFERENCE_API_KEY',
    );
  });

  it('accepts only https URLs inside the manifest whitelist', () => {
    const withKey = (url: string) => ({ CONFERENCE_API_BASE_URL: url, CONFERENCE_API_KEY: 'k' });
    expect(() => readVendorConfigFrom(withKey('http://conference.example.com/'), WL)).toThrow(/https/);
    expect(() => readVendorConfigFrom(withKey('https://evil.example.com/'), WL)).toThrow(/urlFetchWhitelist/);
    expect(readVendorConfigFrom(withKey('https://conference.example.com/api'), WL)).toEqual({
      baseUrl: 'https://conference.example.com/api/',
      apiKey: 'k',
    });
  });

  it('refuses a key with whitespace without showing it', () => {
    const all = { CONFERENCE_API_BASE_URL: 'https://conference.example.com/', CONFERENCE_API_KEY: 'a b' };
    expect(() => readVendorConfigFrom(all, WL)).toThrow('CONFERENCE_API_KEY must not contain whitespace');
  });

  it('per-user sign-in: the endpoint alone, with the same URL checks and no key required', () => {
    expect(readVendorEndpoint({ CONFERENCE_API_BASE_URL: 'https://conference.example.com/v1' }, WL)).toEqual({
      baseUrl: 'https://conference.example.com/v1/',
    });
    expect(() => readVendorEndpoint({}, WL)).toThrow('Missing Script Property: CONFERENCE_API_BASE_URL');
    expect(() => readVendorEndpoint({ CONFERENCE_API_BASE_URL: 'https://evil.example.com/' }, WL)).toThrow(
      /urlFetchWhitelist/,
    );
  });
});

describe('settings page URL', () => {
  it('uses CONFERENCE_SETTINGS_URL, else settingsUrl of vendor.config.json, never a non-https value', () => {
    expect(settingsUrl({ CONFERENCE_SETTINGS_URL: 'https://admin.vendor.example/addon' })).toBe(
      'https://admin.vendor.example/addon',
    );
    expect(settingsUrl({ CONFERENCE_API_BASE_URL: 'https://api.vendor.example/v1/' })).toBe(
      'https://conference.example.com/settings',
    );
    expect(
      settingsUrl({ CONFERENCE_SETTINGS_URL: 'javascript:alert(1)', CONFERENCE_API_BASE_URL: 'http://x/' }),
    ).toBe('https://conference.example.com/settings');
  });
});
