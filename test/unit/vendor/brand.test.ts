import { readFileSync } from 'node:fs';
import { BRAND, parseBrand } from '../../../src/config/brand';

const valid = JSON.parse(readFileSync('vendor.config.json', 'utf8'));

describe('vendor.config.json (parseBrand)', () => {
  it("is this build's configuration", () => {
    expect(BRAND).toEqual(parseBrand(valid));
    expect(BRAND.solutions.map((s) => s.id)).toEqual(['acme-web', 'acme-recorded']);
    expect(BRAND.meetingDefaults).toEqual({ waitingRoom: true });
    expect(parseBrand({ ...valid, meetingDefaults: undefined }).meetingDefaults).toEqual({});
  });

  it.each([
    ['an unknown adapter', { adapter: 'teams' }, 'adapter must be one of acme, zoom'],
    [
      'a settings URL that is not https',
      { settingsUrl: 'http://x.example/' },
      'settingsUrl must be an https URL',
    ],
    ['no solutions', { solutions: [] }, 'solutions must list at least one'],
    ['a missing marker value', { marker: { key: 'createdBy' } }, 'marker.value must be a non-empty string'],
    [
      'two solutions with one id',
      { solutions: [valid.solutions[0], valid.solutions[0]] },
      'solution ids must be unique',
    ],
    [
      'an onCreateFunction that is not a function name',
      { solutions: [{ ...valid.solutions[0], onCreateFunction: 'create-it' }] },
      'solutions[0].onCreateFunction is not a function name',
    ],
    [
      'an organisation default that is no option',
      { meetingDefaults: { lobby: true } },
      'meetingDefaults.lobby is not one of passcode, waitingRoom, joinBeforeHost, muteOnEntry, autoRecording',
    ],
    [
      'an organisation default that is not on/off',
      { meetingDefaults: { waitingRoom: 'yes' } },
      'meetingDefaults.waitingRoom must be true or false',
    ],
  ])('refuses %s, naming the field', (_what, change, message) => {
    expect(() => parseBrand({ ...valid, ...change })).toThrow(`vendor.config.json: ${message}`);
  });
});
