import { harness } from './harness';

const CODE = `
function put(k, v, ttl) { CacheService.getScriptCache().put(k, v, ttl); }
function get(k) { return CacheService.getScriptCache().get(k); }
function fill(n, ttl, prefix) {
  var c = CacheService.getScriptCache();
  for (var i = 0; i < n; i++) c.put(prefix + i, 'v', ttl);
}
function count(n, prefix) {
  var c = CacheService.getScriptCache(), found = 0;
  for (var i = 0; i < n; i++) if (c.get(prefix + i) !== null) found++;
  return found;
}
function many() {
  var c = CacheService.getUserCache();
  c.putAll({a: '1', b: '2', c: '3'});
  c.removeAll(['b']);
  c.remove('c');
  return c.getAll(['a', 'b', 'c', 'd']);
}
`;

describe('CacheService', () => {
  it('entries expire by the simulated clock', () => {
    const h = harness(CODE);
    h.script.call('put', 'k', 'v', 60);
    h.clock.advance(59_000);
    expect(h.script.call('get', 'k')).toBe('v');
    h.clock.advance(1_000);
    expect(h.script.call('get', 'k')).toBeNull();
  });

  it('the default expiration is 10 minutes and the maximum 6 hours', () => {
    const h = harness(CODE);
    h.script.call('put', 'short', 'v');
    h.script.call('put', 'long', 'v', 999_999);
    h.clock.advance(600_000);
    expect(h.script.call('get', 'short')).toBeNull();
    expect(h.script.call('get', 'long')).toBe('v');
    h.clock.advance(21_600_000);
    expect(h.script.call('get', 'long')).toBeNull();
  });

  it('a value over 100 KB and a key over 250 characters are rejected', () => {
    const h = harness(CODE);
    expect(() => h.script.call('put', 'k', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    expect(() => h.script.call('put', 'k'.repeat(251), 'v')).toThrow('Argument too large: key');
  });

  // developers.google.com/apps-script/reference/cache/cache#put(String,String): "The cap for cached items
  // is 1,000. If more than 1,000 items are written, the cache stores the 900 items farthest from expiration."
  it('"If more than 1,000 items are written, the cache stores the 900 items farthest from expiration"', () => {
    const h = harness(CODE);
    h.script.call('fill', 500, 3600, 'long');
    h.script.call('fill', 500, 60, 'short');
    expect(h.script.call('count', 500, 'long') as number).toBe(500);
    expect(h.script.call('count', 500, 'short') as number).toBe(500);
    h.script.call('put', 'one-more', 'v', 1800);
    // 1,001 items: the 900 kept are the 500 expiring in an hour, the new one, and 399 of the short ones.
    expect(h.script.call('count', 500, 'long')).toBe(500);
    expect(h.script.call('get', 'one-more')).toBe('v');
    expect(h.script.call('count', 500, 'short')).toBe(399);
    expect(h.cache.stores.script.entries.size).toBe(900);
  });

  it('putAll, getAll, remove and removeAll', () => {
    const h = harness(CODE);
    expect(h.script.call('many')).toEqual({ a: '1' });
  });
});
