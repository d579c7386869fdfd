import { harness } from './harness';

describe('PropertiesService', () => {
  it('stores strings only: non-strings are converted with String()', () => {
    const h = harness(`function run() {
      var p = PropertiesService.getUserProperties();
      p.setProperty('n', 42).setProperty('o', {a: 1});
      return [typeof p.getProperty('n'), p.getProperty('n'), p.getProperty('o'), p.getProperty('missing')];
    }`);
    expect(h.script.call('run')).toEqual(['string', '42', '[object Object]', null]);
    expect(h.properties.stores.user.get('n')).toBe('42');
  });

  it("a value over 9 KB is rejected with Apps Script's error", () => {
    const h = harness(
      `function run(n) { PropertiesService.getScriptProperties().setProperty('big', new Array(n + 1).join('x')); }`,
    );
    h.script.call('run', 9 * 1024);
    expect(() => h.script.call('run', 9 * 1024 + 1)).toThrow('Argument too large: value');
    expect(h.properties.stores.script.get('big')).toHaveLength(9 * 1024);
  });

  it('a store over 500 KB (keys + values) is refused with the storage quota error', () => {
    const h = harness(`function run() {
      var p = PropertiesService.getScriptProperties();
      for (var i = 0; ; i++) p.setProperty('K' + i, new Array(9001).join('y'));
    }`);
    let err: unknown;
    try {
      h.script.call('run');
    } catch (e) {
      err = e;
    }
    expect(String(err)).toBe(
      'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(h.properties.stores.script.bytesUsed()).toBeLessThanOrEqual(500 * 1024);
    expect(h.properties.stores.script.size).toBe(56);
  });

  it('setProperties with deleteAllOthers replaces the whole store', () => {
    const h = harness(`function run() {
      var p = PropertiesService.getScriptProperties();
      p.setProperties({a: '1', b: '2'});
      p.setProperties({c: 3}, true);
      return p.getProperties();
    }`);
    expect(h.script.call('run')).toEqual({ c: '3' });
  });

  it('getKeys, deleteProperty and deleteAllProperties', () => {
    const h = harness(`function run() {
      var p = PropertiesService.getScriptProperties();
      p.setProperties({a: '1', b: '2', c: '3'});
      p.deleteProperty('b');
      var keys = p.getKeys();
      p.deleteAllProperties();
      return [keys, p.getKeys()];
    }`);
    expect(h.script.call('run')).toEqual([['a', 'c'], []]);
  });

  it('script properties are seeded from options and document properties are null outside a document', () => {
    const h = harness(
      `function run() { return [PropertiesService.getScriptProperties().getProperty('API'), PropertiesService.getDocumentProperties()]; }`,
      {
        scriptProperties: { API: 'k' },
      },
    );
    expect(h.script.call('run')).toEqual(['k', null]);
  });

  // developers.google.com/apps-script/guides/services/quotas: "Quotas are per user and reset 24 hours
  // after the first request" (not at midnight).
  it('the daily quota of reads and writes resets 24 hours after the first request, not at midnight', () => {
    const h = harness(`function run() { PropertiesService.getScriptProperties().getProperty('x'); }`, {
      propertiesDailyQuota: 2,
    });
    h.clock.set(Date.UTC(2026, 10, 23, 23, 0, 0)); // an hour before UTC midnight
    const first = h.clock.now();
    h.script.call('run');
    h.script.call('run');
    expect(() => h.script.call('run')).toThrow('Service invoked too many times for one day: properties.');
    h.clock.set(Date.UTC(2026, 10, 24, 1, 0, 0)); // past midnight: still the same quota window
    expect(() => h.script.call('run')).toThrow('Service invoked too many times for one day: properties.');
    h.clock.set(first + 24 * 3600 * 1000);
    expect(() => h.script.call('run')).not.toThrow();
  });

  it('reads and writes are metered separately', () => {
    const h = harness(
      `function run() { var p = PropertiesService.getScriptProperties(); p.getProperties(); p.setProperties({a: '1'}); }`,
    );
    const before = h.meter.snapshot();
    h.script.call('run');
    expect(h.meter.since(before)).toEqual({ 'properties.read': 1, 'properties.write': 1 });
  });
});
