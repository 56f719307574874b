import { mintDevelopmentToken } from '@sagsspor/auth';
import { AuditLog, REPEATED_UNAUTHENTICATED_ACTION } from '@sagsspor/platform';
import { httpAs, type ServiceUnderTest, startServiceUnderTest } from '@sagsspor/service-testing';
import { authHeaders, generateCpr } from '@sagsspor/testing';
import { ReferralsModule } from './app.module';
import { defaultReferralsSettings } from './settings';

// ADR 0096: a verified subject has one bucket however many tokens it holds; everything else (no
// token, a bad token) counts against its client address; 401s from one address add a bounded
// number of audit rows; a write's audit entry names its resource and tenant, a 401 its address.

const LIMIT = 150;

interface AuditRow {
  subject: string | null;
  tenant: string | null;
  action: string;
  resource: Record<string, string>;
  outcome: number;
  client_address: string | null;
  occurrences: number;
}

/** The `r=` (remaining) of a draft-8 RateLimit header: `"150-in-1min"; r=149; t=60`. */
const remaining = (headers: Headers) => Number(/\br=(\d+)/.exec(headers.get('ratelimit') ?? '')?.[1]);

describe('rate limits per verified subject or client address, and what the audit log records (real PostgreSQL and Kafka)', () => {
  let service: ServiceUnderTest;
  const get = (path: string, authorization?: string) => fetch(`${service.url}${path}`, { headers: authorization ? { authorization } : {} });
  const auditRows = async (where: string): Promise<AuditRow[]> => {
    await service.app.get(AuditLog).flush();
    return service.dataSource.query(`SELECT subject, tenant, action, resource, outcome, client_address, occurrences FROM audit_log WHERE ${where} ORDER BY entry_id`);
  };

  beforeAll(async () => {
    service = await startServiceUnderTest({
      serviceName: 'referrals',
      label: 'referrals_rate_limit',
      moduleFor: (c, l, o) => ReferralsModule.forRoot(c, l, o, defaultReferralsSettings),
      env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) },
    });
  });
  afterAll(() => service?.drop());

  it('counts N 401s from one address as at most two audit rows, naming the address, with the count', async () => {
    const n = 120;
    for (let i = 0; i < n; i++) {
      const answer = await get('/v1/underretninger/U-1', i % 4 === 0 ? undefined : `Bearer made-up-${i}-${'x'.repeat(20)}`);
      expect(answer.status).toBe(401);
    }
    const rows = await auditRows('outcome = 401');
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.reduce((sum, r) => sum + r.occurrences, 0)).toBe(n);
    expect(rows[0]).toMatchObject({ subject: null, action: 'GET /v1/underretninger/:underretningId', resource: { underretningId: 'U-1' }, occurrences: 1, client_address: expect.stringMatching(/127\.0\.0\.1/) });
    expect(rows[1]).toMatchObject({ action: REPEATED_UNAUTHENTICATED_ACTION, occurrences: n - 1, client_address: rows[0].client_address });
    // An administrator finds them by the address.
    const listed = await httpAs(service.url, 'admin').get(`/v1/admin/audit-log?outcome=denied&clientAddress=${encodeURIComponent(rows[0].client_address!)}`);
    expect(listed.body.map((e: { action: string; occurrences: number }) => [e.action, e.occurrences])).toEqual([
      ['GET /v1/underretninger/:underretningId', 1],
      [REPEATED_UNAUTHENTICATED_ACTION, n - 1],
    ]);
  });

  it('puts every made-up bearer value from one address in that address\'s bucket, and limits it with 429, Retry-After and the RateLimit headers', async () => {
    // The 120 requests above used 120 of the address's 150.
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await get('/v1/underretninger/U-1', `Bearer another-made-up-${i}-${'y'.repeat(20)}`));
    expect(answers.slice(0, LIMIT - 120).map((a) => a.status)).toEqual(Array(LIMIT - 120).fill(401));
    expect(answers.slice(0, LIMIT - 120).map((a) => remaining(a.headers))).toEqual(Array.from({ length: LIMIT - 120 }, (_, i) => LIMIT - 121 - i));
    const limited = answers[LIMIT - 120];
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED' });
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.headers.get('ratelimit')).toMatch(/^"150-in-1min"; r=0; t=\d+$/);
    expect(limited.headers.get('ratelimit-policy')).toMatch(/^"150-in-1min"; q=150; w=60; pk=:[A-Za-z0-9+/=]+:$/);
    expect(answers.slice(LIMIT - 120).every((a) => a.status === 429)).toBe(true);
    expect((await get('/v1/underretninger/U-1')).status).toBe(429); // no token: the same address
    // A verified caller from the same address has a bucket of its own.
    const { authorization } = await authHeaders('municipality', { municipality: '751' });
    expect((await get('/v1/underretninger/U-1', authorization)).status).toBe(404);
  });

  it('gives two tokens of one subject one bucket, and another subject a bucket of its own', async () => {
    const subject = 'dev-boernehus-midt-limited';
    const first = `Bearer ${await mintDevelopmentToken({ role: 'boernehus', house: 'midt', subject, expiresInSeconds: 3600 })}`;
    const second = `Bearer ${await mintDevelopmentToken({ role: 'boernehus', house: 'midt', subject, expiresInSeconds: 7200 })}`;
    expect(first).not.toBe(second);
    const statuses: number[] = [];
    const left: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const answer = await get('/v1/referrals/R-NONE', i % 2 === 0 ? first : second);
      statuses.push(answer.status);
      if (answer.status !== 429) left.push(remaining(answer.headers));
    }
    expect(statuses.slice(0, LIMIT).every((s) => s === 404)).toBe(true);
    expect(left).toEqual(Array.from({ length: LIMIT }, (_, i) => LIMIT - 1 - i));
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
    const other = `Bearer ${await mintDevelopmentToken({ role: 'boernehus', house: 'midt', subject: 'dev-boernehus-midt-other' })}`;
    expect((await get('/v1/referrals/R-NONE', other)).status).toBe(404);
  });

  it('names the resource and its tenant in the audit entry of a write and of a read', async () => {
    const aarhus = httpAs(service.url, 'municipality', { municipality: '751' });
    const underretning = { underretningId: 'AUDIT-U-1', childCpr: generateCpr('2015-05-05', 'female', 61), municipalityCode: '751', receivedAt: '2025-03-03', concerns: ['violence'], source: 'school' };
    expect((await aarhus.post('/v1/underretninger', underretning)).status).toBe(201);
    expect((await aarhus.get('/v1/underretninger/AUDIT-U-1')).status).toBe(200);
    const rows = await auditRows(`subject = 'dev-municipality-751' AND action LIKE '% /v1/underretninger%' AND outcome < 400`);
    expect(rows).toEqual([
      expect.objectContaining({ tenant: 'municipality:751', action: 'POST /v1/underretninger', resource: { underretningId: 'AUDIT-U-1', municipalityCode: '751' }, client_address: expect.stringMatching(/127\.0\.0\.1/) }),
      expect.objectContaining({ tenant: 'municipality:751', action: 'GET /v1/underretninger/:underretningId', resource: { underretningId: 'AUDIT-U-1', municipalityCode: '751' } }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(underretning.childCpr);
  });
});
