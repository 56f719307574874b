import { parseArgs } from 'node:util';
import { mintDevelopmentToken, type Role } from '@sagsspor/auth';
import { copenhagenDate } from '@sagsspor/calendar';
import { SingleBar } from 'cli-progress';
import { backgroundUnderretninger, batchesByMunicipality, type LoadResult, loadPlan, type ServiceUrls } from './driver';
import { generatePlan, type Plan, type ScaleName, scales } from './plan';
import { type PlanSummary, summarizePlan } from './summary';

export const demoDataUsage = `demo-data [--seed 42] [--scale small|national] [--from 2024 --to 2026] [--concurrency 32]
        [--referrals-url http://127.0.0.1:3001] [--case-lifecycle-url …:3002] [--sector-coordination-url …:3003] [--reporting-url …:3004]
        load realistic demo data through the public APIs of running services (idempotent: run again, nothing changes)`;

export interface DemoDataSettings {
  seed: number;
  scale: ScaleName;
  fromYear: number;
  toYear: number;
  today: string;
  urls: ServiceUrls;
  concurrency: number;
}

/** The default span, ending this year: the last full year and this one at national volumes (older years with `--from`), three years for the small set. */
export function defaultYears(scale: ScaleName, today: string): { fromYear: number; toYear: number } {
  const toYear = Number(today.slice(0, 4));
  return { fromYear: toYear - (scale === 'national' ? 1 : 2), toYear };
}

export function urlsFromEnv(env: NodeJS.ProcessEnv = process.env): ServiceUrls {
  return {
    referrals: env.REFERRALS_URL ?? `http://127.0.0.1:${env.REFERRALS_PORT ?? 3001}`,
    caseLifecycle: env.CASE_LIFECYCLE_URL ?? `http://127.0.0.1:${env.CASE_LIFECYCLE_PORT ?? 3002}`,
    sectorCoordination: env.SECTOR_COORDINATION_URL ?? `http://127.0.0.1:${env.SECTOR_COORDINATION_PORT ?? 3003}`,
    reporting: env.REPORTING_URL ?? `http://127.0.0.1:${env.REPORTING_PORT ?? 3004}`,
  };
}

export function parseDemoDataArgs(args: string[], env: NodeJS.ProcessEnv = process.env, now = new Date()): DemoDataSettings {
  const { values } = parseArgs({
    args,
    options: {
      seed: { type: 'string', default: '42' },
      scale: { type: 'string', default: 'small' },
      from: { type: 'string' },
      to: { type: 'string' },
      today: { type: 'string' },
      concurrency: { type: 'string', default: '32' },
      'referrals-url': { type: 'string' },
      'case-lifecycle-url': { type: 'string' },
      'sector-coordination-url': { type: 'string' },
      'reporting-url': { type: 'string' },
    },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a whole number, 0 or more');
  if (values.scale !== 'small' && values.scale !== 'national') throw new Error('--scale must be small or national');
  const scale = values.scale;
  const today = values.today ?? copenhagenDate(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('--today must be a date, YYYY-MM-DD');
  const defaults = defaultYears(scale, today);
  const fromYear = values.from ? Number(values.from) : values.to ? Number(values.to) - (defaults.toYear - defaults.fromYear) : defaults.fromYear;
  const toYear = values.to ? Number(values.to) : values.from ? Math.max(fromYear, defaults.toYear) : defaults.toYear;
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear || fromYear < 2010) throw new Error('--from and --to must be years (2010 or later), --from not after --to');
  if (toYear > Number(today.slice(0, 4))) throw new Error(`--to ${toYear} is in the future`);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new Error('--concurrency must be 1-256');
  const fromEnv = urlsFromEnv(env);
  return {
    seed,
    scale,
    fromYear,
    toYear,
    today,
    concurrency,
    urls: {
      referrals: values['referrals-url'] ?? fromEnv.referrals,
      caseLifecycle: values['case-lifecycle-url'] ?? fromEnv.caseLifecycle,
      sectorCoordination: values['sector-coordination-url'] ?? fromEnv.sectorCoordination,
      reporting: values['reporting-url'] ?? fromEnv.reporting,
    },
  };
}

export function planFor(settings: Pick<DemoDataSettings, 'seed' | 'scale' | 'fromYear' | 'toYear' | 'today'>): Plan {
  return generatePlan({ seed: settings.seed, scale: scales[settings.scale], fromYear: settings.fromYear, toYear: settings.toYear, today: settings.today });
}

/** Whether a plan was loaded before: its last referral and its last background underretning (loaded last) are known to the referrals service. */
export async function planIsLoaded(plan: Plan, urls: ServiceUrls): Promise<boolean> {
  const lastReferral = plan.years.flatMap((y) => y.referrals).at(-1);
  const lastBatch = batchesByMunicipality(plan.years.flatMap(backgroundUnderretninger)).at(-1)?.at(-1);
  const token = await mintDevelopmentToken({ role: 'admin', subject: 'demo-data-check' });
  const known = async (path: string) => {
    const response = await fetch(`${urls.referrals}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200 && response.status !== 404) throw new Error(`GET ${urls.referrals}${path} answered ${response.status}`);
    return response.status === 200;
  };
  return (
    (!lastReferral || (await known(`/v1/referrals/${encodeURIComponent(lastReferral.referralId)}?municipality=${lastReferral.municipalityCode}`))) &&
    (!lastBatch || (await known(`/v1/underretninger/${encodeURIComponent(lastBatch.underretningId)}?municipality=${lastBatch.municipalityCode}`)))
  );
}

/** Loads the plan with a progress bar on stderr; answers what was loaded. */
export async function loadWithProgress(plan: Plan, settings: Pick<DemoDataSettings, 'urls' | 'concurrency'>, stream: NodeJS.WriteStream = process.stderr): Promise<{ result: LoadResult; summary: PlanSummary }> {
  const bar = new SingleBar({ format: 'demo data [{bar}] {percentage}% | {value}/{total} calls | {duration_formatted} elapsed, ETA {eta_formatted}', stream, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000, etaBuffer: 5000 }); // the ETA from the last 5,000 calls: a batch reports 200 at once
  bar.start(1, 0);
  try {
    const result = await loadPlan(plan, {
      urls: settings.urls,
      concurrency: settings.concurrency,
      onProgress: (done, total) => {
        bar.setTotal(total);
        bar.update(done);
      },
    });
    return { result, summary: summarizePlan(plan) };
  } finally {
    bar.stop();
  }
}

export function describeSummary(s: PlanSummary): string {
  const closed = Object.entries(s.closedByYearAndHouse)
    .map(([year, houses]) => `${year}: ${Object.entries(houses).map(([h, n]) => `${h} ${n}`).join(', ')}`)
    .join('; ');
  return [
    `${s.underretninger} underretninger (${s.mandatoryReferralGaps} meet the mandatory-referral criteria without a referral), ${s.consultations} consultative inquiries`,
    `${s.referrals.submitted} referrals: ${s.referrals.accepted} accepted, ${s.referrals.rejected} rejected, ${s.referrals.withdrawn} withdrawn, ${s.referrals.undecided} undecided`,
    `${s.cases.opened} cases: ${s.cases.closed} closed (${s.cases.interrupted} interrupted, ${s.cases.withdrawn} withdrawn), ${s.cases.open} still open`,
    `${s.services} services, ${s.suspects} suspects, ${s.conferences} case conferences, ${s.examinations} examinations`,
    `${s.videoInterviews} police video interviews, ${s.videoInterviewsNotReferred} of children never referred`,
    `closed cases by year and house: ${closed}`,
  ].join('\n');
}

/** Fails fast, naming the service, when one of them does not answer /health. */
export async function assertServicesAnswer(urls: ServiceUrls): Promise<void> {
  const down: string[] = [];
  for (const [name, url] of Object.entries(urls)) {
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (!ok) down.push(`${name} (${url})`);
  }
  if (down.length > 0) throw new Error(`no healthy service at ${down.join(', ')}: start them (npm start) or give their URLs`);
}

/** `npm run cli -- demo-data …`: the whole command. */
export async function runDemoData(args: string[]): Promise<number> {
  const settings = parseDemoDataArgs(args);
  await assertServicesAnswer(settings.urls);
  const plan = planFor(settings);
  process.stderr.write(`demo data: seed ${settings.seed}, ${settings.scale} scale, ${settings.fromYear}-${settings.toYear}, into ${settings.urls.referrals}, ${settings.urls.caseLifecycle}, ${settings.urls.sectorCoordination}, ${settings.urls.reporting}\n`);
  const { result, summary } = await loadWithProgress(plan, settings);
  console.log(describeSummary(summary));
  console.log(`${result.calls} calls in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  if (result.failures.length > 0) {
    console.error(`${result.failures.length} failed:\n${result.failures.slice(0, 10).join('\n')}`);
    return 1;
  }
  return 0;
}

/**
 * `npm start`: loads the demo data (the small set unless `args` say otherwise; `--scale national` for national volumes) only if it is not there
 * yet, with a progress bar; answers whether it loaded now.
 */
export async function loadOnFirstStart(urls: ServiceUrls, args: string[] = [], log: (line: string) => void = console.log): Promise<'loaded' | 'already-loaded'> {
  const settings = parseDemoDataArgs(args);
  const plan = planFor(settings);
  if (await planIsLoaded(plan, urls)) {
    log('▸ demo data already loaded (`npm run cli -- demo-data` completes an interrupted load or adds another seed)');
    return 'already-loaded';
  }
  log(`▸ loading demo data through the APIs (seed ${settings.seed}, ${settings.scale}, ${settings.fromYear}-${settings.toYear}; SAGSSPOR_DEMO_DATA=false skips it)…`);
  const { result, summary } = await loadWithProgress(plan, { urls, concurrency: settings.concurrency });
  log(describeSummary(summary));
  log(`▸ demo data loaded: ${result.calls} calls in ${(result.elapsedMs / 1000).toFixed(0)} s${result.failures.length ? `, ${result.failures.length} failed (first: ${result.failures[0]})` : ''}`);
  return 'loaded';
}

/** Development tokens for each role, for a demo day (signed with the local development key; refused in production). */
export async function demoTokens(hours = 72): Promise<{ label: string; token: string }[]> {
  const roles: { label: string; role: Role; municipality?: string; house?: string }[] = [
    { label: 'municipality (Aarhus, 751)', role: 'municipality', municipality: '751' },
    { label: 'boernehus (Børnehus Midt)', role: 'boernehus', house: 'midt' },
    { label: 'police', role: 'police' },
    { label: 'ops (national)', role: 'ops' },
    { label: 'admin', role: 'admin' },
  ];
  return Promise.all(roles.map(async ({ label, ...claims }) => ({ label, token: await mintDevelopmentToken({ ...claims, subject: `demo-${claims.role}`, expiresInSeconds: hours * 3600 }) })));
}
