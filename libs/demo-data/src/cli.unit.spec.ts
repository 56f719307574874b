import { callsIn } from './driver';
import { parseDemoDataArgs, planFor } from './cli';

describe('npm run cli -- demo-data: its options', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const parse = (args: string[], env: NodeJS.ProcessEnv = {}) => parseDemoDataArgs(args, env, now);

  it('defaults to the small set, seed 42, the last three years, and npm start ports', () => {
    expect(parse([])).toEqual({
      seed: 42,
      scale: 'small',
      fromYear: 2024,
      toYear: 2026,
      today: '2026-11-25',
      concurrency: 32,
      urls: { referrals: 'http://127.0.0.1:3001', caseLifecycle: 'http://127.0.0.1:3002', sectorCoordination: 'http://127.0.0.1:3003', reporting: 'http://127.0.0.1:3004' },
    });
  });

  it('spans the last full year and this one at national volumes, older years on demand, and takes years, seed and URLs from flags or the environment', () => {
    expect(parse(['--scale', 'national'])).toMatchObject({ scale: 'national', fromYear: 2025, toYear: 2026 });
    expect(parse(['--scale', 'national', '--from', '2017'])).toMatchObject({ scale: 'national', fromYear: 2017, toYear: 2026 });
    expect(parse(['--seed', '7', '--from', '2020', '--to', '2022'])).toMatchObject({ seed: 7, fromYear: 2020, toYear: 2022 });
    expect(parse(['--from', '2025'])).toMatchObject({ fromYear: 2025, toYear: 2026 });
    expect(parse([], { REPORTING_URL: 'http://reporting:8080' }).urls.reporting).toBe('http://reporting:8080');
    expect(parse(['--referrals-url', 'http://r:1'], { REFERRALS_URL: 'http://ignored' }).urls.referrals).toBe('http://r:1');
  });

  it.each([
    [['--scale', 'huge'], /--scale/],
    [['--seed', '-1'], /--seed/],
    [['--from', '2026', '--to', '2025'], /--from/],
    [['--to', '2027'], /future/],
    [['--concurrency', '0'], /--concurrency/],
  ])('refuses %j', (args, message) => {
    expect(() => parse(args)).toThrow(message);
  });

  it('plans the small set in a size that loads in a minute', () => {
    const plan = planFor(parse(['--scale', 'small']));
    const calls = plan.years.reduce((sum, y) => sum + callsIn(y), 0);
    expect(calls).toBeGreaterThan(1000);
    expect(calls).toBeLessThan(3000);
  });
});
