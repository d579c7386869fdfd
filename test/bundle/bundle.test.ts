import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { createWorld, type World } from '../e2e/world';

const manifest = JSON.parse(readFileSync('appsscript.json', 'utf8'));
const code = readFileSync('dist/Code.js', 'utf8');

describe('dist/: what Apps Script receives', () => {
  it('declares a top-level function for every manifest callback and trigger handler', () => {
    const context = vm.createContext({});
    vm.runInContext(code, context);
    const solutions = manifest.addOns.calendar.conferenceSolution as Array<{ onCreateFunction: string }>;
    const names = [
      ...solutions.map((s) => s.onCreateFunction),
      manifest.addOns.common.homepageTrigger.runFunction,
      manifest.addOns.calendar.eventOpenTrigger.runFunction,
      manifest.addOns.calendar.createSettingsUrlFunction,
      'syncEvents',
      'initializeSyncing',
    ];
    for (const name of names) expect(typeof context[name]).toBe('function');
    expect(/^function syncEvents\(/m.test(code)).toBe(true);
  });

  it('is a plain script: no module system, no Node built-ins', () => {
    expect(code).not.toMatch(/\brequire\(|\bmodule\.exports\b|^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\bprocess\.|\bsetTimeout\(|\bfetch\(/);
  });

  it('ships the manifest next to the bundle, unchanged', () => {
    expect(JSON.parse(readFileSync('dist/appsscript.json', 'utf8'))).toEqual(manifest);
  });

  it('clasp would push exactly the bundle and the manifest', () => {
    const out = execFileSync('npx', ['clasp', 'show-file-status', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    const status = JSON.parse(out.slice(out.indexOf('{')));
    expect([...status.filesToPush].sort()).toEqual(['dist/Code.js', 'dist/appsscript.json']);
  });
});

describe('the manifest', () => {
  it('declares two conference solutions with distinct ids, names and create functions', () => {
    const solutions = manifest.addOns.calendar.conferenceSolution;
    expect(solutions).toHaveLength(2);
    expect(new Set(solutions.map((s: { id: string }) => s.id)).size).toBe(2);
    for (const s of solutions)
      expect(Object.keys(s).sort()).toEqual(['id', 'logoUrl', 'name', 'onCreateFunction']);
  });

  it('uses V8, the Calendar advanced service v3, and an https whitelist with a path', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.dependencies.enabledAdvancedServices).toContainEqual({
      userSymbol: 'Calendar',
      serviceId: 'calendar',
      version: 'v3',
    });
    for (const url of manifest.urlFetchWhitelist) expect(url).toMatch(/^https:\/\/[^/]+\/.*/);
  });
});

describe('every entry point runs in the emulator when called by name', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world.close());

  it('calls each exported entry point as Apps Script would, without an unexpected throw', () => {
    const script = world.emu.script!;
    const cal = 'entry@example.com';
    const created = script.callWith({ kind: 'addon' }, 'createWebConference', {
      eventData: { calendarId: cal, eventId: 'evt00000000000000000000001' },
    });
    expect(created).toBeDefined();
    script.callWith({ kind: 'addon' }, 'createRecordedConference', {
      eventData: { calendarId: cal, eventId: 'evt00000000000000000000002' },
    });
    expect(script.call('initializeSyncing', cal)).toMatchObject({ trigger: 'ok' });
    expect(script.call('syncEvents', { calendarId: cal, authMode: 'FULL', triggerUid: 'x' })).toMatchObject({
      status: 'done',
    });
    expect(script.call('syncEvents')).toMatchObject({ status: 'done' });
    expect(script.callWith({ kind: 'addon' }, 'onHomepage', {})).toBeDefined();
    expect(script.callWith({ kind: 'addon' }, 'onEventOpen', {})).toBeDefined();
    expect(typeof script.callWith({ kind: 'addon' }, 'createSettingsUrl')).toBe('string');
    expect(script.has('noSuchFunction')).toBe(false);
    expect(() => script.call('noSuchFunction')).toThrow('Script function not found: noSuchFunction');
  });
});
