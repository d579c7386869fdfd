import { harness } from './harness';

const CODE = `
function put(k, v, ttl) { CacheService.getScriptCache().put(k, v, ttl); }
function get(k) { return CacheService.getScriptCache().get(k); }
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

  it('putAll, getAll, remove and removeAll', () => {
    const h = harness(CODE);
    expect(h.script.call('many')).toEqual({ a: '1' });
  });
});
