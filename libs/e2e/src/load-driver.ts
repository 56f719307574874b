import { addDays } from '@sagsspor/calendar';
import { authHeaders, generateCpr } from '@sagsspor/testing';
import type { RunningPlatform, ServiceName } from './platform';

// A small, bounded load generator through the public APIs: underretninger, referrals, accepts,
// closes and police video interviews, at a fixed rate. Every command carries the caller's own id,
// so a retry after an unclear answer (a 503, a refused connection) is the same command again.
// Each answer is recorded and classified, so a test can say what clients saw during a fault.

export type CommandKind = 'underretning' | 'referral' | 'accept' | 'close' | 'video-interview';

/** How an answer counts: accepted (2xx), retryable (503 + Retry-After), not yet possible (the case is not open yet), unreachable (the process is away), or a violation. */
export type AnswerClass = 'accepted' | 'retryable' | 'not-yet' | 'unreachable' | 'violation';

export interface Answer {
  kind: CommandKind;
  id: string;
  service: ServiceName;
  status: number | 'network-error' | 'timeout';
  retryAfter?: string;
  code?: string;
  /** For a network error: its cause (ECONNREFUSED, ECONNRESET, ...). */
  cause?: string;
  at: number;
  ms: number;
  class: AnswerClass;
}

/** The tenants the driver's ids belong to: a caller's id is unique within its tenant (ADR 0095). */
const MUNICIPALITY = '751';
const POLICE_DISTRICT = 'oestjylland';

export interface DriverTotals {
  /** The ids whose command got a 2xx, by kind, with their tenant (`751:<id>`, `oestjylland:<id>`; close: the caseId). */
  accepted: Record<CommandKind, Set<string>>;
  /** `751:<referralId>` -> caseId from each accept's answer. */
  caseIdOfReferral: Map<string, string>;
  answers: Answer[];
}

interface Work {
  kind: CommandKind;
  id: string;
  /** Earliest time to send (ms since epoch). */
  notBefore: number;
  attempts: number;
  child: number;
  caseId?: string;
}

const SEND_TIMEOUT_MS = 20_000;

export interface LoadDriverOptions {
  /** Commands sent per second (new and retried), at most. */
  ratePerSecond?: number;
  /** Commands in flight at most. */
  maxInFlight?: number;
  /** Prefix of every id, so several drivers never collide. */
  prefix: string;
}

/**
 * Runs until `stop()`: each tick sends the next due command (retries first, then the next step of a
 * case, then a new case or interview). `drain()` stops new work and waits until every started case
 * reached its end (closed) and every command got a final answer.
 */
export function startLoadDriver(platform: RunningPlatform, options: LoadDriverOptions) {
  const rate = options.ratePerSecond ?? 15;
  const maxInFlight = options.maxInFlight ?? 8;
  const totals: DriverTotals = {
    accepted: { underretning: new Set(), referral: new Set(), accept: new Set(), close: new Set(), 'video-interview': new Set() },
    caseIdOfReferral: new Map(),
    answers: [],
  };
  const queue: Work[] = [];
  let inFlight = 0;
  let sequence = 0;
  let creating = true;
  let stopped = false;
  const headers = {
    municipality: authHeaders('municipality', { municipality: MUNICIPALITY }),
    boernehus: authHeaders('boernehus', { house: 'midt' }),
    police: authHeaders('police'),
  };

  const newWork = (): Work => {
    const n = sequence++;
    const kind: CommandKind = n % 4 === 0 ? 'underretning' : n % 4 === 3 ? 'video-interview' : 'referral';
    return { kind, id: `${options.prefix}-${kind === 'underretning' ? 'U' : kind === 'referral' ? 'R' : 'V'}-${n}`, notBefore: 0, attempts: 0, child: n };
  };

  const request = (w: Work): { service: ServiceName; path: string; body: object; who: keyof typeof headers } => {
    const birthDate = addDays('2012-01-01', w.child % 2000);
    const childCpr = generateCpr(birthDate, w.child % 2 ? 'male' : 'female', w.child);
    switch (w.kind) {
      case 'underretning':
        return { service: 'referrals', path: '/v1/underretninger', who: 'municipality', body: { underretningId: w.id, childCpr, municipalityCode: MUNICIPALITY, receivedAt: '2025-03-04', concerns: ['violence'], source: 'school' } };
      case 'referral':
        return {
          service: 'referrals',
          path: '/v1/referrals',
          who: 'municipality',
          body: { referralId: w.id, childCpr, municipalityCode: MUNICIPALITY, referredAt: '2025-03-10', municipalityAwareAt: '2025-03-06', abuseTypes: ['violence'], houseCode: 'midt' },
        };
      case 'accept':
        return { service: 'referrals', path: `/v1/referrals/${w.id}/accept`, who: 'boernehus', body: { acceptedAt: '2025-03-12' } };
      case 'close':
        return { service: 'case-lifecycle', path: `/v1/cases/${w.caseId}/close`, who: 'boernehus', body: { closedAt: '2025-04-20', outcome: 'completed', closingMemoSentAt: '2025-04-20' } };
      case 'video-interview':
        return { service: 'sector-coordination', path: '/v1/video-interviews', who: 'police', body: { interviewId: w.id, policeDistrict: POLICE_DISTRICT, childCpr, municipalityCode: MUNICIPALITY, houseCode: 'midt', conductedAt: '2025-03-14' } };
    }
  };

  const classify = (w: Work, status: Answer['status'], retryAfter: string | undefined): AnswerClass => {
    if (typeof status !== 'number') return status === 'network-error' ? 'unreachable' : 'violation';
    if (status >= 200 && status < 300) return 'accepted';
    if (status === 503 && retryAfter) return 'retryable';
    // The case is opened from the ReferralAccepted event: until case-lifecycle has it, closing it is 404.
    if (w.kind === 'close' && status === 404) return 'not-yet';
    return 'violation';
  };

  const send = async (w: Work) => {
    const { service, path, body, who } = request(w);
    const started = Date.now();
    let status: Answer['status'];
    let retryAfter: string | undefined;
    let answerBody: { caseId?: string; code?: string } | undefined;
    let cause: string | undefined;
    try {
      const response = await fetch(`${platform.url(service)}${path}`, {
        method: 'POST',
        // A retry after an unclear answer is the same command: the same Idempotency-Key (the close has no id of its own in the body).
        headers: { 'content-type': 'application/json', 'idempotency-key': `${w.kind}-${w.kind === 'close' ? w.caseId : w.id}`, ...(await headers[who]) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after') ?? undefined;
      const text = await response.text();
      answerBody = text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined;
    } catch (error) {
      status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network-error';
      const c = (error as { cause?: { code?: string; message?: string } }).cause;
      cause = c?.code ?? c?.message ?? (error as Error).message;
    }
    const answerClass = classify(w, status, retryAfter);
    totals.answers.push({ kind: w.kind, id: w.kind === 'close' ? w.caseId! : w.id, service, status, retryAfter, code: answerBody?.code, cause, at: started, ms: Date.now() - started, class: answerClass });
    w.attempts++;
    if (answerClass === 'accepted') {
      totals.accepted[w.kind].add(w.kind === 'close' ? w.caseId! : `${w.kind === 'video-interview' ? POLICE_DISTRICT : MUNICIPALITY}:${w.id}`);
      if (w.kind === 'referral') queue.push({ ...w, kind: 'accept', notBefore: Date.now() + 200, attempts: 0 });
      if (w.kind === 'accept') {
        totals.caseIdOfReferral.set(`${MUNICIPALITY}:${w.id}`, answerBody!.caseId!);
        queue.push({ ...w, kind: 'close', caseId: answerBody!.caseId, notBefore: Date.now() + 500, attempts: 0 });
      }
      return;
    }
    if (answerClass === 'violation' || w.attempts > 400) return; // recorded; the test fails on it
    const wait = answerClass === 'retryable' ? Math.min(Number(retryAfter) * 1000 || 1000, 2000) : answerClass === 'not-yet' ? 500 : 1000;
    queue.push({ ...w, notBefore: Date.now() + wait });
  };

  const nextDue = (): Work | undefined => {
    const now = Date.now();
    const index = queue.findIndex((w) => w.notBefore <= now);
    if (index >= 0) return queue.splice(index, 1)[0];
    return creating ? newWork() : undefined;
  };

  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    if (stopped || inFlight >= maxInFlight) return;
    const w = nextDue();
    if (!w) return;
    inFlight++;
    const p = send(w).finally(() => {
      inFlight--;
      pending.delete(p);
    });
    pending.add(p);
  }, Math.round(1000 / rate));

  return {
    totals,
    /** Stops creating new cases; waits until every started one is done (or the timeout). */
    drain: async (timeoutMs = 120_000) => {
      creating = false;
      const deadline = Date.now() + timeoutMs;
      while ((queue.length > 0 || pending.size > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (queue.length > 0 || pending.size > 0) throw new Error(`the load driver could not finish ${queue.length + pending.size} commands within ${timeoutMs} ms: ${JSON.stringify(queue.slice(0, 5))}`);
    },
    /** Starts creating new cases again (after a drain). */
    resume: () => {
      creating = true;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...pending]);
    },
  };
}

export type LoadDriver = ReturnType<typeof startLoadDriver>;
