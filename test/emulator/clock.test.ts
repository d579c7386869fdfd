import { SimClock } from '../../emulator/clock';
import { simpleContext } from '../../emulator/context';

describe('simulated clock', () => {
  it('only moves forward, by the latency model of each metered call', () => {
    const ctx = simpleContext(new SimClock(1000));
    ctx.call('calendar.events.list');
    expect(ctx.clock.now()).toBe(1150);
    expect(ctx.meter.get('calendar.events.list')).toBe(1);
    expect(() => ctx.clock.set(10)).toThrow(/backwards/);
  });
});
