import { createHash } from 'node:crypto';
import { harness } from './harness';

describe('Utilities', () => {
  it('Utilities.sleep advances simulated time', () => {
    const h = harness('function run() { var t = Date.now(); Utilities.sleep(1500); return Date.now() - t; }');
    expect(h.script.call('run')).toBe(1500);
    expect(h.meter.get('utilities.sleep')).toBe(1);
  });

  it('sleep longer than 5 minutes is refused', () => {
    const h = harness('function run() { Utilities.sleep(300001); }');
    expect(() => h.script.call('run')).toThrow(/Invalid argument/);
  });

  it('computeDigest returns signed bytes like Apps Script', () => {
    const h = harness(
      `function run() { return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc', Utilities.Charset.UTF_8); }`,
    );
    const expected = Array.from(createHash('sha256').update('abc').digest(), (b) => (b > 127 ? b - 256 : b));
    const got = h.script.call('run') as number[];
    expect(got).toEqual(expected);
    expect(got.some((b) => b < 0)).toBe(true);
  });

  it('computeHmacSha256Signature matches HMAC-SHA256', () => {
    const h = harness(
      `function run() { return Utilities.base64Encode(Utilities.computeHmacSha256Signature('msg', 'key')); }`,
    );
    const { createHmac } = require('node:crypto');
    expect(h.script.call('run')).toBe(createHmac('sha256', 'key').update('msg').digest('base64'));
  });

  it('base64 round trips, web-safe alphabet keeps padding', () => {
    const h = harness(`function run() {
      var bytes = [-5, -17, -1, 0, 65];
      var ws = Utilities.base64EncodeWebSafe(bytes);
      return [Utilities.base64Encode('hé'), ws, Utilities.base64DecodeWebSafe(ws),
        Utilities.newBlob(Utilities.base64Decode(Utilities.base64Encode('hé'))).getDataAsString()];
    }`);
    expect(h.script.call('run')).toEqual(['aMOp', '--__AEE=', [-5, -17, -1, 0, 65], 'hé']);
  });

  it('getUuid is a deterministic v4 UUID sequence', () => {
    const code = 'function run() { return [Utilities.getUuid(), Utilities.getUuid()]; }';
    const a = harness(code).script.call('run') as string[];
    const b = harness(code).script.call('run') as string[];
    expect(a).toEqual(b);
    expect(a[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a[0]).not.toBe(a[1]);
  });

  it('formatDate follows SimpleDateFormat patterns in a time zone', () => {
    const h = harness(`function run() {
      var d = new Date(Date.UTC(2026, 0, 5, 14, 7, 9, 45));
      return [Utilities.formatDate(d, 'Etc/UTC', "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"),
        Utilities.formatDate(d, 'America/New_York', 'EEE, d MMM yyyy hh:mm a Z'),
        Utilities.formatDate(d, 'Asia/Kolkata', "yyyy-MM-dd HH:mm XXX '(it''s' EEEE)")];
    }`);
    expect(h.script.call('run')).toEqual([
      '2026-01-05T14:07:09.045Z',
      'Mon, 5 Jan 2026 09:07 AM -0500',
      "2026-01-05 19:37 +05:30 (it's Monday)",
    ]);
  });
});
