import { Client } from 'pg';
import type { DriverTotals } from './load-driver';
import type { RunningPlatform, ServiceName } from './platform';

// Reconciliation after a fault: what the services' event stores hold (the truth of each accepted
// command), per stream, against what the reporting read models hold, per id, and against what the
// clients were told (every 2xx must be in both).

async function query<T>(platform: RunningPlatform, service: ServiceName, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: platform.databaseUrl(service) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Streams (by id, prefix cut off: `751:<id>` for a tenant-scoped id, ADR 0095) holding `eventType`, with how many times each holds it. */
async function streamsWith(platform: RunningPlatform, service: ServiceName, prefix: string, eventType: string): Promise<Map<string, number>> {
  const rows = await query<{ id: string; n: string }>(
    platform,
    service,
    `SELECT substr(stream_id, $1) AS id, count(*) AS n FROM events WHERE stream_id LIKE $2 AND event_type = $3 GROUP BY stream_id`,
    [prefix.length + 1, `${prefix}%`, eventType],
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export interface EventStoreView {
  underretninger: Map<string, number>;
  referrals: Map<string, number>;
  accepts: Map<string, number>;
  /** `751:<referralId>` -> caseId as the ReferralAccepted events say. */
  caseIdOfReferral: Map<string, string>;
  casesOpened: Map<string, number>;
  casesClosed: Map<string, number>;
  videoInterviews: Map<string, number>;
}

export async function eventStoreView(platform: RunningPlatform): Promise<EventStoreView> {
  const accepted = await query<{ id: string; case_id: string }>(platform, 'referrals', `SELECT substr(stream_id, 10) AS id, data->>'caseId' AS case_id FROM events WHERE stream_id LIKE 'referral-%' AND event_type = 'ReferralAccepted'`);
  return {
    underretninger: await streamsWith(platform, 'referrals', 'underretning-', 'UnderretningReceived'),
    referrals: await streamsWith(platform, 'referrals', 'referral-', 'ReferralSubmitted'),
    accepts: await streamsWith(platform, 'referrals', 'referral-', 'ReferralAccepted'),
    caseIdOfReferral: new Map(accepted.map((r) => [r.id, r.case_id])),
    casesOpened: await streamsWith(platform, 'case-lifecycle', 'case-', 'CaseOpened'),
    casesClosed: await streamsWith(platform, 'case-lifecycle', 'case-', 'CaseClosed'),
    videoInterviews: await streamsWith(platform, 'sector-coordination', 'video-interview-', 'VideoInterviewRecorded'),
  };
}

export interface ReadModelView {
  underretninger: string[];
  referrals: string[];
  accepts: string[];
  casesOpened: string[];
  casesClosed: string[];
  videoInterviews: string[];
}

export async function readModelView(platform: RunningPlatform): Promise<ReadModelView> {
  const live = new Map(
    (await query<{ projection: string; live_schema: string }>(platform, 'reporting', `SELECT projection, live_schema FROM projection_generations`)).map((r) => [r.projection, r.live_schema]),
  );
  const facts = `"${live.get('facts')}"`;
  const activity = `"${live.get('activity')}"`;
  const ids = async (sql: string) => (await query<{ id: string }>(platform, 'reporting', sql)).map((r) => r.id).sort();
  return {
    underretninger: await ids(`SELECT item_id AS id FROM ${activity}.activity_facts WHERE metric = 'underretninger-received' AND dimension = 'total'`),
    referrals: await ids(`SELECT municipality_code || ':' || referral_id AS id FROM ${facts}.referrals WHERE referred_at IS NOT NULL`),
    accepts: await ids(`SELECT municipality_code || ':' || referral_id || '>' || case_id AS id FROM ${facts}.referrals WHERE accepted_at IS NOT NULL`),
    casesOpened: await ids(`SELECT case_id::text AS id FROM ${facts}.case_intakes`),
    casesClosed: await ids(`SELECT case_id::text AS id FROM ${facts}.case_closures`),
    videoInterviews: await ids(`SELECT police_district || ':' || interview_id AS id FROM ${facts}.video_interviews`),
  };
}

/** The read model as the event stores say it must be: each id once. */
export function expectedReadModel(store: EventStoreView): ReadModelView {
  const keys = (m: Map<string, number>) => [...m.keys()].sort();
  return {
    underretninger: keys(store.underretninger),
    referrals: keys(store.referrals),
    accepts: [...store.caseIdOfReferral].map(([referral, caseId]) => `${referral}>${caseId}`).sort(),
    casesOpened: keys(store.casesOpened),
    casesClosed: keys(store.casesClosed),
    videoInterviews: keys(store.videoInterviews),
  };
}

export interface Reconciliation {
  /** Streams holding an event more than once (a command applied twice). */
  appliedTwice: string[];
  /** Commands answered 2xx whose event is not in the owning service's event store. */
  silentlyLost: string[];
  /** Accepted referrals whose case was never opened in case-lifecycle, or cases opened from no accepted referral. */
  crossServiceGaps: string[];
  /** Ids the read models miss or hold without a source event, per read model. */
  readModelDifferences: Record<string, { missing: string[]; extra: string[] }>;
}

export async function reconcile(platform: RunningPlatform, totals: DriverTotals): Promise<Reconciliation> {
  const store = await eventStoreView(platform);
  const appliedTwice = Object.entries(store)
    .filter(([name]) => name !== 'caseIdOfReferral')
    .flatMap(([name, streams]) => [...(streams as Map<string, number>)].filter(([, n]) => n > 1).map(([id, n]) => `${name}:${id} x${n}`));
  const silentlyLost = [
    ...[...totals.accepted.underretning].filter((id) => !store.underretninger.has(id)).map((id) => `underretning ${id}`),
    ...[...totals.accepted.referral].filter((id) => !store.referrals.has(id)).map((id) => `referral ${id}`),
    ...[...totals.accepted.accept].filter((id) => store.caseIdOfReferral.get(id) !== totals.caseIdOfReferral.get(id)).map((id) => `accept ${id}`),
    ...[...totals.accepted.close].filter((id) => !store.casesClosed.has(id)).map((id) => `close ${id}`),
    ...[...totals.accepted['video-interview']].filter((id) => !store.videoInterviews.has(id)).map((id) => `video-interview ${id}`),
  ];
  const openedFrom = new Set(store.caseIdOfReferral.values());
  const crossServiceGaps = [
    ...[...openedFrom].filter((caseId) => !store.casesOpened.has(caseId)).map((id) => `accepted but never opened: case ${id}`),
    ...[...store.casesOpened.keys()].filter((caseId) => !openedFrom.has(caseId)).map((id) => `opened from no accepted referral: case ${id}`),
  ];
  const expected = expectedReadModel(store);
  const actual = await readModelView(platform);
  const readModelDifferences: Reconciliation['readModelDifferences'] = {};
  for (const name of Object.keys(expected) as (keyof ReadModelView)[]) {
    const want = new Set(expected[name]);
    const have = new Set(actual[name]);
    const missing = [...want].filter((id) => !have.has(id));
    const extra = [...have].filter((id) => !want.has(id));
    if (missing.length || extra.length) readModelDifferences[name] = { missing: missing.slice(0, 20), extra: extra.slice(0, 20) };
  }
  return { appliedTwice, silentlyLost, crossServiceGaps, readModelDifferences };
}

export const clean: Reconciliation = { appliedTwice: [], silentlyLost: [], crossServiceGaps: [], readModelDifferences: {} };

/** Polls until the reconciliation is clean (the read models caught up) or the timeout; returns the last one. */
export async function reconcileWhenSettled(platform: RunningPlatform, totals: DriverTotals, timeoutMs = 90_000): Promise<Reconciliation> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await reconcile(platform, totals);
    if (JSON.stringify(result) === JSON.stringify(clean) || Date.now() > deadline) return result;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
