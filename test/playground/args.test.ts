import { parsePlaygroundArgs } from '../../scripts/playground/args';

describe('npm run playground arguments', () => {
  it('takes --port N (default 8790) and --help', () => {
    expect(parsePlaygroundArgs([])).toEqual({ port: 8790 });
    expect(parsePlaygroundArgs(['--port', '0'])).toEqual({ port: 0 });
    expect(parsePlaygroundArgs(['--port=9000'])).toEqual({ port: 9000 });
    expect(parsePlaygroundArgs(['--help'])).toBe('help');
  });

  it('rejects unknown flags, stray arguments and bad ports', () => {
    expect(() => parsePlaygroundArgs(['--bogus'])).toThrow(/bogus/);
    expect(() => parsePlaygroundArgs(['out'])).toThrow(/unexpected argument: out/);
    expect(() => parsePlaygroundArgs(['--port', 'x'])).toThrow(/--port must be a port number/);
    expect(() => parsePlaygroundArgs(['--port', '70000'])).toThrow(/--port must be a port number/);
  });
});
