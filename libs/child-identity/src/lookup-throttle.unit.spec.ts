import { LookupThrottle } from './child-registry';

describe('LookupThrottle', () => {
  it('lets a second’s worth through at once, then makes each caller wait its turn', async () => {
    const throttle = new LookupThrottle(5);
    const now = 1_000_000;
    const waited = [];
    for (let i = 0; i < 5; i++) waited.push(await throttle.turn(now));
    expect(waited).toEqual([false, false, false, false, false]);
    const started = Date.now();
    expect(await throttle.turn(now)).toBe(true); // the sixth in the same instant waits 200 ms past `now`
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('never waits when off, or when callers keep below the rate', async () => {
    const off = new LookupThrottle(0);
    for (let i = 0; i < 100; i++) expect(await off.turn(0)).toBe(false);
    const slow = new LookupThrottle(10);
    for (let i = 0; i < 50; i++) expect(await slow.turn(i * 100)).toBe(false);
  });
});
