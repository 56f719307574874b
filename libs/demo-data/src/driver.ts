import { mintDevelopmentToken, type Role } from '@sagsspor/auth';
import type { Plan, PlannedCase, PlannedReferral, PlannedUnderretning, PlannedVideoInterview, YearPlan } from './plan';

// Sends a plan through the four services' public HTTP APIs, never their databases: each call with a
// development token of the role and tenant that would make it (the municipality, the house, the police,
// an administrator for reference data). Every POST carries the caller's id (and an Idempotency-Key), so
// loading the same plan again changes nothing. Busy answers (503, 429) are retried after their
// Retry-After; a case the other services have not heard of yet (404) and the police release gate (409)
// are waited for, because the services learn of each other's events through Kafka.

export interface ServiceUrls {
  referrals: string;
  caseLifecycle: string;
  sectorCoordination: string;
  reporting: string;
}

export interface LoadOptions {
  urls: ServiceUrls;
  /** Calls in flight at once (default 32; batches of underretninger: four at a time). */
  concurrency?: number;
  /** Called after every call with the calls done and the calls planned. */
  onProgress?: (done: number, total: number) => void;
  /** How long to keep retrying one call that waits for another service (default 120 s). */
  waitTimeoutMs?: number;
  /** Stop after this many failed work items (default 20). */
  maxFailures?: number;
}

export interface LoadResult {
  calls: number;
  /** Calls sent again (busy service, or waiting for another service to hear of the case). */
  retries: number;
  failures: string[];
  elapsedMs: number;
}

type Call = {
  method: 'POST' | 'PUT';
  url: string;
  body: unknown;
  token: Promise<string>;
  /** The caller's id of the request: sent as Idempotency-Key unless the body carries the id itself. */
  key: string;
  /** The body has the caller's id (underretningId, serviceId, conferenceId, ...), which makes the call idempotent by itself. */
  idInBody?: boolean;
  contentType?: string;
  waitFor?: 'known-case' | 'police-release';
  /** Units of work the call completes for the progress bar (default 1; a batch counts its items itself). */
  units?: number;
};

/** Underretninger by municipality, in batches of at most UNDERRETNING_BATCH_SIZE, in plan order within each. */
export function batchesByMunicipality(underretninger: readonly PlannedUnderretning[]): PlannedUnderretning[][] {
  const byMunicipality = new Map<string, PlannedUnderretning[]>();
  for (const u of underretninger) {
    const ofMunicipality = byMunicipality.get(u.municipalityCode);
    if (ofMunicipality) ofMunicipality.push(u);
    else byMunicipality.set(u.municipalityCode, [u]);
  }
  return [...byMunicipality.values()].flatMap((all) => Array.from({ length: Math.ceil(all.length / UNDERRETNING_BATCH_SIZE) }, (_, i) => all.slice(i * UNDERRETNING_BATCH_SIZE, (i + 1) * UNDERRETNING_BATCH_SIZE)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many underretninger one batch request carries (the API's maximum). */
export const UNDERRETNING_BATCH_SIZE = 200;
/** Batches in flight at once (the service works each batch's items at once). */
const BATCHES_IN_FLIGHT = 4;

/** The underretninger of a year that lead to no referral: sent in batches, beside the cases. */
export function backgroundUnderretninger(year: YearPlan): PlannedUnderretning[] {
  const referred = new Set(year.referrals.map((r) => r.underretningId));
  return year.underretninger.filter((u) => !referred.has(u.underretningId));
}

/**
 * The units of work a year plan takes (for the progress bar): a call each, except that an
 * underretning sent in a batch (those never referred) counts as one with its decisions.
 */
export function callsIn(year: YearPlan): number {
  const referred = new Set(year.referrals.map((r) => r.underretningId));
  let calls = 2 + year.consultations.length;
  for (const u of year.underretninger) calls += 1 + (u.decisions && referred.has(u.underretningId) ? 1 : 0);
  for (const v of year.videoInterviews) calls += 1 + (v.releasedAt ? 1 : 0) + (v.siteCode ? 1 : 0);
  for (const r of year.referrals) {
    calls += 1 + (r.decision ? 1 : 0);
    if (r.decision?.kind === 'accept') {
      const c = r.decision.case;
      calls += (c.siteCode ? 1 : 0) + c.suspects.length + c.services.length + c.conferences.length + c.examinations.length + (c.closing ? 1 : 0);
    }
  }
  return calls;
}

export class DemoDataLoader {
  private readonly tokens = new Map<string, Promise<string>>();
  private done = 0;
  private retries = 0;
  private total = 0;
  private readonly failures: string[] = [];

  constructor(private readonly options: LoadOptions) {}

  async load(plan: Plan): Promise<LoadResult> {
    const started = Date.now();
    this.total = plan.years.reduce((sum, y) => sum + callsIn(y), 0);
    this.done = 0;
    // The referrals year by year (what the views show); beside them from the start, every year's background
    // underretninger in batches (the bulk of the volume, which only the underretning and gap figures need;
    // their children are in no referral, so their order against the cases does not matter). The two keep
    // the machine busy where either alone would leave it half idle: a referral's chain is one call after
    // another.
    const batches = this.inParallel(
      plan.years.flatMap((year) => batchesByMunicipality(backgroundUnderretninger(year)).map((batch) => () => this.underretningBatch(batch))),
      BATCHES_IN_FLIGHT,
    );
    // A year's work in its cases runs beside the next year's referrals (every referral is a child of
    // its own, so nothing in one waits for the other).
    const cases = (async () => {
      const caseWork: Promise<void>[] = [];
      for (const year of plan.years) {
        const work = (await this.referralsOf(year))();
        work.catch(() => undefined); // handled below; meanwhile the next year's referrals go on
        caseWork.push(work);
      }
      await Promise.all(caseWork);
    })();
    await Promise.all([cases, batches]);
    return { calls: this.done, retries: this.retries, failures: [...this.failures], elapsedMs: Date.now() - started };
  }

  private token(role: Role, tenant: { municipality?: string; house?: string; subject?: string } = {}): Promise<string> {
    const key = `${role}:${tenant.municipality ?? ''}:${tenant.house ?? ''}:${tenant.subject ?? ''}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = mintDevelopmentToken({ role, ...tenant, subject: tenant.subject ?? `demo-data-${role}${tenant.municipality ? `-${tenant.municipality}` : ''}${tenant.house ? `-${tenant.house}` : ''}`, expiresInSeconds: 12 * 3600 });
      this.tokens.set(key, token);
    }
    return token;
  }

  /** A year's reference data, then its referrals and what the police and municipalities send; answers the work in the cases they opened, to run next. */
  private async referralsOf(year: YearPlan): Promise<() => Promise<void>> {
    const { urls } = this.options;
    const admin = this.token('admin');
    // Reference data first: the reports need the year's children, and a case closing is settled at the year's tariff.
    await this.send({ method: 'PUT', url: `${urls.reporting}/v1/reference/population/${year.year}`, body: year.populationCsv, contentType: 'text/csv', token: admin, key: `population-${year.year}` });
    await this.send({ method: 'PUT', url: `${urls.caseLifecycle}/v1/reference/tariffs/${year.year}`, body: year.tariffs, token: admin, key: `tariffs-${year.year}` });

    const underretningById = new Map(year.underretninger.map((u) => [u.underretningId, u]));
    const interviewOfReferral = new Map(year.videoInterviews.filter((v) => v.referralId).map((v) => [v.referralId!, v]));
    // First what the municipalities and the police send, and the houses' decisions on the referrals; then the
    // work in the cases, by when case-lifecycle and sector-coordination have mostly heard of them through Kafka.
    const cases: { caseId: string; house: Promise<string>; work: PlannedCase }[] = [];
    await this.inParallel([
      ...year.referrals.map((r) => async () => {
        const opened = await this.referral(r, underretningById.get(r.underretningId), interviewOfReferral.get(r.referralId));
        if (opened) cases.push(opened);
      }),
      ...year.videoInterviews.filter((v) => !v.referralId).map((v) => () => this.videoInterview(v)),
      ...year.consultations.map((c) => async () => {
        await this.send({ method: 'POST', url: `${urls.referrals}/v1/consultations`, body: c, token: this.token('municipality', { municipality: c.municipalityCode }), key: c.consultationId, idInBody: true });
      }),
    ]);
    return () => this.inParallel(cases.map((c) => () => this.caseWork(c.caseId, c.house, c.work)));
  }

  private async inParallel(work: (() => Promise<void>)[], concurrency = this.options.concurrency ?? 32): Promise<void> {
    let next = 0;
    const maxFailures = this.options.maxFailures ?? 20;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, work.length) }, async () => {
        while (next < work.length && this.failures.length < maxFailures) {
          const item = work[next++];
          try {
            await item();
          } catch (error) {
            this.failures.push((error as Error).message);
          }
        }
      }),
    );
    if (this.failures.length >= maxFailures) throw new Error(`stopped after ${this.failures.length} failures; the first: ${this.failures[0]}`);
  }

  private async underretning(u: PlannedUnderretning): Promise<void> {
    const { urls } = this.options;
    const token = this.token('municipality', { municipality: u.municipalityCode });
    const { decisions, mandatoryReferralGap: _gap, ...body } = u;
    await this.send({ method: 'POST', url: `${urls.referrals}/v1/underretninger`, body, token, idInBody: true, key: u.underretningId });
    if (decisions) await this.send({ method: 'POST', url: `${urls.referrals}/v1/underretninger/${encodeURIComponent(u.underretningId)}/decisions`, body: decisions, token, key: `${u.underretningId}-decisions` });
  }

  /**
   * Underretninger of one municipality in one request (POST /v1/underretninger/batch), each with its
   * decisions. Items answered 503 or 429 are sent again (idempotent per item); any other refusal is a failure.
   */
  private async underretningBatch(batch: PlannedUnderretning[]): Promise<void> {
    const { urls } = this.options;
    const municipalityCode = batch[0].municipalityCode;
    const token = this.token('municipality', { municipality: municipalityCode });
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const items = pending.map(({ decisions, mandatoryReferralGap: _gap, municipalityCode: _m, ...item }) => ({ ...item, ...(decisions ? { decisions } : {}) }));
      const answer = (await this.send({ method: 'POST', url: `${urls.referrals}/v1/underretninger/batch`, body: { municipalityCode, items }, token, idInBody: true, key: `${items[0].underretningId}+${items.length}`, units: 0 })) as {
        results: { index: number; status: number; problem?: { code?: string; detail?: string } }[];
      };
      const retry: PlannedUnderretning[] = [];
      for (const r of answer.results) {
        if (r.status === 201) this.progress();
        else if ((r.status === 503 || r.status === 429) && attempt < 10) retry.push(pending[r.index]);
        else this.failures.push(`POST ${urls.referrals}/v1/underretninger/batch item ${pending[r.index].underretningId} answered ${r.status}: ${r.problem?.code ?? ''} ${r.problem?.detail ?? ''}`);
      }
      if (retry.length > 0) await sleep(Math.min(1000, 50 * 2 ** attempt));
      pending = retry;
    }
  }

  private async videoInterview(v: PlannedVideoInterview): Promise<void> {
    const { urls } = this.options;
    // One token per police district, as each district's system would have its own.
    const token = this.token('police', { subject: `demo-data-police-${v.policeDistrict}` });
    const { releasedAt, referralId: _referral, siteCode, ...body } = v;
    await this.send({ method: 'POST', url: `${urls.sectorCoordination}/v1/video-interviews`, body, token, idInBody: true, key: v.interviewId });
    if (siteCode) await this.send({ method: 'PUT', url: `${urls.sectorCoordination}/v1/video-interviews/${encodeURIComponent(v.interviewId)}/site`, body: { siteCode }, token, key: `${v.interviewId}-site` });
    if (releasedAt) await this.send({ method: 'POST', url: `${urls.sectorCoordination}/v1/video-interviews/${encodeURIComponent(v.interviewId)}/release`, body: { releasedAt }, token, key: `${v.interviewId}-release` });
  }

  private async referral(r: PlannedReferral, u: PlannedUnderretning | undefined, interview: PlannedVideoInterview | undefined): Promise<{ caseId: string; house: Promise<string>; work: PlannedCase } | undefined> {
    const { urls } = this.options;
    if (u) await this.underretning(u);
    const municipality = this.token('municipality', { municipality: r.municipalityCode });
    const house = this.token('boernehus', { house: r.houseCode });
    const { referralId, childCpr, municipalityCode, houseCode, referredAt, municipalityAwareAt, abuseTypes, underretningId } = r;
    await this.send({ method: 'POST', url: `${urls.referrals}/v1/referrals`, body: { referralId, childCpr, municipalityCode, houseCode, referredAt, municipalityAwareAt, abuseTypes, underretningId }, token: municipality, idInBody: true, key: referralId });
    const decision = r.decision;
    if (!decision) return undefined;
    const path = `${urls.referrals}/v1/referrals/${encodeURIComponent(referralId)}`;
    if (decision.kind === 'reject') {
      await this.send({ method: 'POST', url: `${path}/reject`, body: { rejectedAt: decision.rejectedAt, reason: decision.reason }, token: house, key: `${referralId}-reject` });
      return undefined;
    }
    if (decision.kind === 'withdraw') {
      await this.send({ method: 'POST', url: `${path}/withdraw`, body: { withdrawnAt: decision.withdrawnAt, reason: decision.reason }, token: municipality, key: `${referralId}-withdraw` });
      return undefined;
    }
    const accepted = (await this.send({ method: 'POST', url: `${path}/accept`, body: { acceptedAt: decision.acceptedAt }, token: house, key: `${referralId}-accept` })) as { caseId: string };
    if (interview) await this.videoInterview(interview);
    return { caseId: accepted.caseId, house, work: decision.case };
  }

  private async caseWork(caseId: string, house: Promise<string>, c: PlannedCase): Promise<void> {
    const { urls } = this.options;
    const casePath = `${urls.caseLifecycle}/v1/cases/${caseId}`;
    // The first call waits until case-lifecycle has opened the case from the referral's event.
    if (c.siteCode) await this.send({ method: 'PUT', url: `${casePath}/site`, body: { siteCode: c.siteCode }, token: house, key: `${caseId}-site`, waitFor: 'known-case' });
    for (const s of c.suspects) await this.send({ method: 'POST', url: `${casePath}/suspects`, body: s, token: house, idInBody: true, key: `${caseId}-${s.suspectId}`, waitFor: 'known-case' });
    for (const s of c.services) await this.send({ method: 'POST', url: `${casePath}/services`, body: s, token: house, idInBody: true, key: `${caseId}-${s.serviceId}`, waitFor: 'police-release' });
    for (const k of c.conferences) await this.send({ method: 'POST', url: `${urls.sectorCoordination}/v1/case-conferences`, body: { ...k, caseId }, token: house, idInBody: true, key: k.conferenceId, waitFor: 'known-case' });
    for (const e of c.examinations) await this.send({ method: 'POST', url: `${urls.sectorCoordination}/v1/examinations`, body: { ...e, caseId }, token: house, idInBody: true, key: e.examinationId, waitFor: 'known-case' });
    if (c.closing) {
      const { closedAt, outcome, closingMemoSentAt } = c.closing;
      await this.send({ method: 'POST', url: `${casePath}/close`, body: { closedAt, outcome, ...(closingMemoSentAt ? { closingMemoSentAt } : {}) }, token: house, key: `${caseId}-close`, waitFor: 'known-case' });
    }
  }

  /** One call, retried while the service is busy or has not yet heard of what the call refers to. */
  private async send(call: Call): Promise<unknown> {
    const deadline = Date.now() + (this.options.waitTimeoutMs ?? 120_000);
    let attempt = 0;
    for (;;) {
      attempt++;
      let status: number;
      let text = '';
      let retryAfterMs = Math.min(1000, 50 * 2 ** Math.min(attempt, 5));
      if (attempt > 1) this.retries++;
      try {
        const response = await fetch(call.url, {
          method: call.method,
          headers: {
            authorization: `Bearer ${await call.token}`,
            'content-type': call.contentType ?? 'application/json',
            // An id in the body is the idempotency of its own; a key as well would make a rerun differ once
            // the services know more of the case than at the first call (the request they fingerprint changes).
            ...(call.idInBody ? {} : { 'idempotency-key': `demo-data:${call.key}` }),
          },
          body: typeof call.body === 'string' ? call.body : JSON.stringify(call.body),
        });
        status = response.status;
        text = await response.text();
        const retryAfter = response.headers.get('retry-after');
        if (retryAfter) retryAfterMs = /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : Math.max(0, Date.parse(retryAfter) - Date.now());
      } catch (error) {
        text = (error as Error).message; // connection refused or reset: retried like a 503
        status = 503;
      }
      if (status >= 200 && status < 300) {
        for (let unit = 0; unit < (call.units ?? 1); unit++) this.progress();
        return text ? JSON.parse(text) : undefined;
      }
      const code = (() => {
        try {
          return (JSON.parse(text) as { code?: string }).code;
        } catch {
          return undefined;
        }
      })();
      const waiting =
        status === 503 ||
        status === 429 ||
        status === 502 ||
        (status === 404 && call.waitFor !== undefined) ||
        (status === 409 && call.waitFor === 'police-release' && code === 'CASE.AWAITING_POLICE_RELEASE');
      if (!waiting || Date.now() + retryAfterMs > deadline) throw new Error(`${call.method} ${call.url} (${call.key}) answered ${status}: ${text.slice(0, 500)}`);
      await sleep(retryAfterMs);
    }
  }

  private progress(): void {
    this.done++;
    this.options.onProgress?.(this.done, this.total);
  }
}

export async function loadPlan(plan: Plan, options: LoadOptions): Promise<LoadResult> {
  return new DemoDataLoader(options).load(plan);
}
