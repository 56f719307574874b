import { authHeaders, waitFor } from '@sagsspor/testing';
import { referAcceptAndClose } from './cases-through-the-apis';
import { getJson, postJson, type RunningPlatform, startPlatform } from './platform';

// A month's settlement statement, from the referral to the printed page: case-lifecycle settles each
// closed case at Børnehus Midt's 2021 tariff (12,662 kr., libs/reference-data), reporting states it
// per municipality. Worked by hand: March 2021, Aarhus one completed and one interrupted case →
// 2 × 12,662 = 25,324 kr.; Viborg's case is closed in March, then its closing is corrected to
// 2 April: it leaves March and is April's (settlement revision 2).

describe('settlement statement through the public APIs', () => {
  let platform: RunningPlatform;
  let viborgCase: string;

  beforeAll(async () => {
    platform = await startPlatform('settlement-statement', Number(process.env.SAGSSPOR_E2E_BASE_PORT ?? 3601) + 40);
    const base = { houseCode: 'midt', municipalityAwareAt: '2021-01-02', referredAt: '2021-01-04', acceptedAt: '2021-01-06' };
    await referAcceptAndClose(platform, { ...base, referralId: 'ST-1', municipalityCode: '751', birthDate: '2012-03-01', closedAt: '2021-03-05' }, 1);
    await referAcceptAndClose(platform, { ...base, referralId: 'ST-2', municipalityCode: '751', birthDate: '2012-03-02', closedAt: '2021-03-19', outcome: 'interrupted' }, 2);
    viborgCase = await referAcceptAndClose(platform, { ...base, referralId: 'ST-3', municipalityCode: '791', birthDate: '2012-03-03', closedAt: '2021-03-30' }, 3);
    const corrected = await postJson(`${platform.url('case-lifecycle')}/v1/cases/${viborgCase}/closure-corrections`, { closedAt: '2021-04-02', reason: 'Closing date typed wrong' }, await authHeaders('boernehus', { house: 'midt' }));
    expect(corrected.status).toBeLessThan(300);
    const ops = await authHeaders('ops');
    await waitFor(
      () => getJson(`${platform.url('reporting')}/v1/reports/settlements?month=2021-04&house=midt`, ops),
      (r) => r.status === 200 && r.body.caseCount === 1,
      { timeoutMs: 120000, intervalMs: 500, what: 'reporting to project the corrected settlement' },
    );
  }, 600000);
  afterAll(async () => {
    await platform?.stop();
  });

  it('states March per municipality: the interrupted case at the full tariff, the corrected case moved to April', async () => {
    const march = await getJson(`${platform.url('reporting')}/v1/reports/settlements?month=2021-03&house=midt`, await authHeaders('ops'));
    expect(march.body).toMatchObject({ caseCount: 2, totalDkk: 25_324, closedNotSettled: 0 });
    expect(march.body.municipalities).toEqual([expect.objectContaining({ municipalityCode: '751', caseCount: 2, interruptedCount: 1, totalDkk: 25_324 })]);
    const april = await getJson(`${platform.url('reporting')}/v1/reports/settlements?month=2021-04`, await authHeaders('municipality', { municipality: '791' }));
    expect(april.body.municipalities[0].lines).toEqual([expect.objectContaining({ caseId: viborgCase, closedAt: '2021-04-02', revision: 2, amountDkk: 12_662 })]);
    // case-lifecycle's own statement agrees.
    const own = await getJson(`${platform.url('case-lifecycle')}/v1/settlements?month=2021-03&house=midt`, await authHeaders('ops'));
    expect(own.body).toMatchObject({ caseCount: 2, totalDkk: 25_324 });
  });

  it('prints it in Danish and writes it for a Danish Excel', async () => {
    const headers = await authHeaders('boernehus', { house: 'midt' });
    const html = await fetch(`${platform.url('reporting')}/v1/reports/settlements?month=2021-03&format=html`, { headers });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toContain('Afregningsopgørelse marts 2021');
    expect(page).toContain('heraf 1 afbrudt');
    expect(page).toContain('25.324,00');
    const csv = Buffer.from(await (await fetch(`${platform.url('reporting')}/v1/reports/settlements?month=2021-03&format=csv&locale=da`, { headers })).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain(';i alt;;;;;;;;;2;25324,00');
  });
});
