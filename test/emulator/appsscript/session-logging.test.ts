import { harness } from './harness';

describe('Session', () => {
  it("the active and effective user is the emulated user; the time zone is the script's", () => {
    const h = harness(`function run() {
      return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getScriptTimeZone(),
        Session.getTemporaryActiveUserKey() === Session.getTemporaryActiveUserKey()];
    }`);
    expect(h.script.call('run')).toEqual(['ada@example.com', 'ada@example.com', 'Etc/UTC', true]);
  });
});

describe('Logger and console', () => {
  it('log lines are captured with the simulated time, objects formatted as JSON', () => {
    const h = harness(`function run() {
      Logger.log({a: 1, b: [2]});
      Utilities.sleep(1000);
      console.warn('count %s of %d', 'x', 3.7);
      console.error(new Error('bad'));
      Logger.log('plain %s', 'text');
      return Logger.getLog();
    }`);
    const t0 = h.clock.now();
    expect(h.script.call('run')).toBe('{"a":1,"b":[2]}\nplain text');
    expect(h.logs.map((l) => [l.at - t0, l.level, l.message])).toEqual([
      [0, 'logger', '{"a":1,"b":[2]}'],
      [1000, 'warn', 'count x of 3'],
      [1000, 'error', 'Error: bad'],
      [1000, 'logger', 'plain text'],
    ]);
  });
});
