import { randomUUID } from 'node:crypto';
import { daysBetween } from '@sagsspor/calendar';
import { CaseClosedV1, type HouseCode, type IntegrationEvent, ReferralAcceptedV1, ReferralRejectedV1, ReferralSubmittedV1, ReferralWithdrawnV1 } from '@sagsspor/contracts';
import { municipalities } from '@sagsspor/reference-data';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, integrationEvent, publish } from '../test-support/events';
import { folk1aExport } from '../test-support/folk1a-export';
import { regionMidt2017 } from '../test-support/region-midt-2017';
import { municipalityNames, startReporting } from '../test-support/reporting-service';

// The referral report and its year to date through the public API, on PostgreSQL and Kafka, with
// the referral events the referrals service publishes. Today is 1 November 2021 (Børnehus Midt's
// "Henviste og estimerede sager, 2021 (1.1.2021 – 1.11.2021)").
//
// Population 2021: Midt's 19 municipalities as in 2017 (273,897 children; Aarhus 62,903, Viborg
// 21,395, Samsø 554), every other municipality 12,000. Budgets 2021: Midt 380 expected cases, Syd
// 675, the other houses none.
//
// Referrals (case kind abuse unless said):
//   Aarhus (751) → Midt: 10 Jan accepted, 20 Jan rejected, 5 Mar withdrawn, 30 Oct pending (submitted only): 4
//   Viborg (791) → Midt: 1 Feb, 15 Feb, 1 Jun, accepted: 3
//   Samsø (741) → Midt: 5 May, accepted: 1
//   Skive (779) → Midt: 1 Apr, an SBA referral: not counted
//   Aarhus → Midt: 31 Dec 2020, before the period: not counted
//   Odense (461) → Syd: 4 Jan, 30 Jun, 1 Jul, accepted: 3
//
// 1.1.–1.11.2021 is 305 of 365 days. Expected:
//   Midt 380 × 305/365 = 317.534 → 317.53; referrals 4 + 3 + 1 = 8: 8 / 317.534 = 0.0252 → 0.03
//   Aarhus 380 × 62,903/273,897 × 305/365 = 72.9247 → 72.92; 4 / 72.9247 = 0.0549 → 0.05
//   Viborg 380 × 21,395/273,897 × 305/365 = 24.8036 → 24.80; 3 / 24.8036 = 0.121 → 0.12
//   Samsø  380 × 554/273,897 × 305/365 = 0.6423 → 0.64
//   Region Midtjylland: the sum of its 19 municipalities = Midt's 317.53 (each is the default house's share)
//   Syd 675 × 305/365 = 564.041 → 564.04; 3 / 564.041 = 0.0053 → 0.01

const midt2017 = regionMidt2017.filter((m) => m.code !== 'TOTAL');
const population2021 = Object.fromEntries(municipalities.map((m) => [m.code, midt2017.find((p) => p.code === m.code)?.population ?? 12_000]));

let n = 0;
function referral(municipalityCode: string, houseCode: HouseCode, referredAt: string, decision: 'accepted' | 'rejected' | 'withdrawn' | 'pending', caseKind: 'abuse' | 'sba' = 'abuse'): IntegrationEvent[] {
  const facts = {
    referralId: `HEN-${municipalityCode}-${++n}`,
    childRef: (1000 + n).toString(16).padStart(64, '0'),
    childSex: 'female' as const,
    childAgeYears: 9,
    municipalityCode,
    houseCode,
    referredAt,
    municipalityAwareAt: referredAt,
    abuseTypes: ['violence' as const],
    caseKind,
  };
  const submitted = integrationEvent(ReferralSubmittedV1, facts);
  if (decision === 'accepted') return [submitted, integrationEvent(ReferralAcceptedV1, { ...facts, caseId: randomUUID(), acceptedAt: referredAt })];
  if (decision === 'rejected') return [submitted, integrationEvent(ReferralRejectedV1, { ...facts, rejectedAt: referredAt, reason: 'outside-target-group' })];
  if (decision === 'withdrawn') return [submitted, integrationEvent(ReferralWithdrawnV1, { ...facts, withdrawnAt: referredAt, reason: 'municipality-withdrew' })];
  return [submitted];
}

/** A closed case of the given kind and outcome (the usage report's definition). */
function closedCase(municipalityCode: string, closedAt: string, outcome: 'completed' | 'interrupted' | 'withdrawn', caseKind: 'abuse' | 'sba' = 'abuse'): IntegrationEvent[] {
  const [opened, closed] = caseEvents({ municipalityCode, houseCode: 'midt', referredAt: '2021-01-04', openedAt: '2021-01-05', closedAt });
  const d = closed.data as CaseClosedV1;
  return [{ ...opened, data: { ...(opened.data as object), caseKind } }, integrationEvent(CaseClosedV1, { ...d, caseKind, outcome, leadTimeDays: daysBetween(d.openedAt, closedAt) })];
}

describe('GET /v1/reports/referrals and /v1/reports/referrals/year-to-date', () => {
  let service: ServiceUnderTest;
  const ops = () => httpAs(service.url, 'ops');
  const aarhus = () => httpAs(service.url, 'municipality', { municipality: '751' });
  const row = (body: { rows: { code: string }[] }, code: string) => body.rows.find((r) => r.code === code);

  beforeAll(async () => {
    service = await startReporting('reporting_referrals', { clock: controlledClock('2021-11-01T11:00:00Z') });
    const admin = httpAs(service.url, 'admin');
    expect((await admin.put('/v1/reference/population/2021', folk1aExport(2021, population2021, municipalityNames), { 'content-type': 'text/csv' })).status).toBe(201);
    expect((await admin.put('/v1/reference/budgets/2021', [{ houseCode: 'midt', operatingBudgetDkk: 12_000_000, expectedCases: 380 }, { houseCode: 'syd', operatingBudgetDkk: 24_500_000, expectedCases: 675 }])).status).toBe(200);
    const events = [
      ...referral('751', 'midt', '2021-01-10', 'accepted'),
      ...referral('751', 'midt', '2021-01-20', 'rejected'),
      ...referral('751', 'midt', '2021-03-05', 'withdrawn'),
      ...referral('751', 'midt', '2021-10-30', 'pending'),
      ...referral('791', 'midt', '2021-02-01', 'accepted'),
      ...referral('791', 'midt', '2021-02-15', 'accepted'),
      ...referral('791', 'midt', '2021-06-01', 'accepted'),
      ...referral('741', 'midt', '2021-05-05', 'accepted'),
      ...referral('779', 'midt', '2021-04-01', 'accepted', 'sba'),
      ...referral('751', 'midt', '2020-12-31', 'accepted'),
      ...referral('461', 'syd', '2021-01-04', 'accepted'),
      ...referral('461', 'syd', '2021-06-30', 'accepted'),
      ...referral('461', 'syd', '2021-07-01', 'accepted'),
      // Usage 2021, Aarhus: 5 completed and 1 interrupted abuse cases count; a withdrawn one and an SBA case do not. Viborg: 5 completed.
      ...[1, 2, 3, 4, 5].flatMap((i) => closedCase('751', `2021-0${i}-15`, 'completed')),
      ...closedCase('751', '2021-06-15', 'interrupted'),
      ...closedCase('751', '2021-07-15', 'withdrawn'),
      ...closedCase('751', '2021-08-15', 'completed', 'sba'),
      ...[1, 2, 3, 4, 5].flatMap((i) => closedCase('791', `2021-0${i}-20`, 'completed')),
    ];
    // Decisions may arrive before their submission (another partition): the summary follows the referral's latest state.
    await publish(service, events.reverse());
    await waitFor(() => ops().get('/v1/reports/referrals?groupBy=house'), (r) => r.body.rows?.find((x: { code: string }) => x.code === 'midt')?.referrals === 8 && r.body.rows?.find((x: { code: string }) => x.code === 'syd')?.referrals === 3, { timeoutMs: 60000, what: 'the 11 counted referrals to be projected' });
    await waitFor(() => aarhus().get('/v1/reports/usage?year=2021&groupBy=municipality'), (r) => r.status === 200 && r.body.rows?.find((x: { code: string }) => x.code === '1082')?.closedCases !== 0, { timeoutMs: 60000, what: 'the closures to be projected' });
  }, 180000);
  afterAll(() => service?.drop());

  it('counts by house for this year to date (the default period), with expected referrals from the budgets and actual/expected', async () => {
    const { status, body } = await ops().get('/v1/reports/referrals?groupBy=house');
    expect(status).toBe(200);
    expect(body.period).toEqual({ from: '2021-01-01', to: '2021-11-01' });
    // The parts (5 accepted, 1 rejected, 1 withdrawn, 1 pending) are not shown in a suppressed table: a 1 beside its total is a child's outcome.
    expect(row(body, 'midt')).toEqual({ level: 'house', code: 'midt', name: expect.any(String), partOf: 'DK', referrals: 8, accepted: null, rejected: null, withdrawn: null, pending: null, expectedReferrals: 317.53, ratio: 0.03, suppressed: null, suppressionReason: null });
    expect(row(body, 'syd')).toMatchObject({ referrals: 3, accepted: null, expectedReferrals: 564.04, ratio: 0.01 });
    // Nord, Hovedstaden and Sjælland: 0 each, primary. The nation's 11 = 8 + 3 would pin them to 0: the total is hidden too
    // (the usage report's linked tables). Nord has no expected cases in its 2021 budget: unknown, and so is the nation's; the answer says why.
    expect(row(body, 'nord')).toMatchObject({ referrals: null, suppressed: 'primary', expectedReferrals: null });
    expect(row(body, 'DK')).toMatchObject({ level: 'national', referrals: null, suppressed: 'secondary', expectedReferrals: null, ratio: null });
    expect(body.missing).toEqual(expect.arrayContaining([expect.stringContaining('No expected cases in the 2021 budget of')]));
    expect(body.definitions.referral).toContain('referral date');
    expect(body.definitions.expectedReferrals).toContain("share of the whole's children aged 0-17");
  });

  it('gives the municipality its own referrals by municipality and by month, unsuppressed, with its share of the expected count', async () => {
    const own = await aarhus().get('/v1/reports/referrals?from=2021-01-01&to=2021-11-01');
    expect(own.status).toBe(200);
    expect(own.body.rows).toEqual([{ level: 'municipality', code: '751', name: 'Aarhus', partOf: '1082', referrals: 4, accepted: 1, rejected: 1, withdrawn: 1, pending: 1, expectedReferrals: 72.92, ratio: 0.05, suppressed: null, suppressionReason: null }]);
    // By month: January 2 (accepted, rejected), March 1 (withdrawn), October 1 (pending); each month 380 × 62,903/273,897 × its days / 365:
    // January 87.2705 × 31/365 = 7.4120 → 7.41; February × 28/365 = 6.69; 1 November 87.2705 / 365 = 0.2391 → 0.24.
    const months = (await aarhus().get('/v1/reports/referrals?from=2021-01-01&to=2021-11-01&groupBy=month')).body.rows;
    expect(months.map((r: { code: string; referrals: number }) => [r.code, r.referrals])).toEqual([
      ['2021-01', 2], ['2021-02', 0], ['2021-03', 1], ['2021-04', 0], ['2021-05', 0], ['2021-06', 0], ['2021-07', 0], ['2021-08', 0], ['2021-09', 0], ['2021-10', 1], ['2021-11', 0], ['total', 4],
    ]);
    expect(months[0]).toMatchObject({ accepted: 1, rejected: 1, expectedReferrals: 7.41, ratio: 0.27 }); // 2 / 7.4120 = 0.2698
    expect(months[1].expectedReferrals).toBe(6.69);
    expect(months[10].expectedReferrals).toBe(0.24);
    expect(months[11]).toMatchObject({ level: 'total', expectedReferrals: 72.92, ratio: 0.05 });
    // Another municipality, regions or houses: not the municipality's to see.
    expect((await aarhus().get('/v1/reports/referrals?municipality=791')).status).toBe(403);
    expect((await aarhus().get('/v1/reports/referrals?groupBy=region')).status).toBe(403);
    expect((await aarhus().get('/v1/reports/referrals/year-to-date')).status).toBe(403);
  });

  it('suppresses small counts by municipality for everyone else, as the usage report does', async () => {
    const { body } = await ops().get('/v1/reports/referrals?groupBy=municipality&region=1082');
    // Region Midtjylland: Aarhus 4, Viborg 3, Samsø 1, the 16 others 0; total 8. Samsø and the zeros are primary (0-2); they
    // would hold 8 − 4 − 3 = 1, each 0 or 1: narrowed. One more cell is hidden: Viborg's 3 (the smallest) is not enough, as
    // Viborg is 3 or more and they would still share at most 4 − 3 = 1; Aarhus's 4 is: the hidden cells then hold 8 − 3 = 5,
    // Aarhus 3 or more, so the primaries share up to 2 (each 0-2) and Aarhus is 3 to 5.
    expect(row(body, '751')).toMatchObject({ referrals: null, accepted: null, suppressed: 'secondary', expectedReferrals: 72.92, suppressionReason: expect.stringContaining('Samsø') });
    expect(row(body, '741')).toMatchObject({ referrals: null, accepted: null, pending: null, ratio: null, suppressed: 'primary', expectedReferrals: 0.64 });
    // Shown counts without their parts: Viborg's 3 accepted would say what became of each of its three referrals.
    expect(row(body, '791')).toMatchObject({ referrals: 3, accepted: null, rejected: null, withdrawn: null, pending: null, suppressed: null, expectedReferrals: 24.8, ratio: 0.12 });
    expect(row(body, '1082')).toMatchObject({ level: 'region', referrals: 8, accepted: null, rejected: null, suppressed: null, expectedReferrals: 317.53, ratio: 0.03 });
    expect(body.rows).toHaveLength(20);
    // One municipality's months, read by ops: every month is 0-2 and the total 4 leaves each 0-2: all primary, the total shown.
    const months = (await ops().get('/v1/reports/referrals?groupBy=month&municipality=751')).body.rows;
    expect(months.filter((r: { suppressed: string | null }) => r.suppressed === 'primary')).toHaveLength(11);
    expect(months[11]).toMatchObject({ level: 'total', referrals: 4, accepted: null, rejected: null, withdrawn: null, pending: null, suppressed: null });
    // A house's months are operational: not suppressed. Midt: Jan 2, Feb 2, Mar 1, May 1, Jun 1, Oct 1; each 380 × days / 365.
    const midt = (await httpAs(service.url, 'boernehus', { house: 'midt' }).get('/v1/reports/referrals?groupBy=month')).body;
    expect(midt.house).toBe('midt');
    expect(midt.rows.map((r: { referrals: number }) => r.referrals)).toEqual([2, 2, 1, 0, 1, 1, 0, 0, 0, 1, 0, 8]);
    expect(midt.rows.map((r: { expectedReferrals: number }) => r.expectedReferrals)).toEqual([32.27, 29.15, 32.27, 31.23, 32.27, 31.23, 32.27, 32.27, 31.23, 32.27, 1.04, 317.53]);
    expect(midt.rows[11]).toMatchObject({ level: 'total', referrals: 8, accepted: 5, rejected: 1, withdrawn: 1, pending: 1, suppressed: null });
    expect((await httpAs(service.url, 'boernehus', { house: 'midt' }).get('/v1/reports/referrals?house=syd')).status).toBe(403);
  });

  it('answers a Danish CSV', async () => {
    const csv = await aarhus().get('/v1/reports/referrals?groupBy=month&format=csv&locale=da');
    expect(csv.contentType).toMatch(/^text\/csv/);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('niveau;kode;navn;henviste sager;modtaget;afvist;trukket tilbage;afventer;estimerede sager ift. kommunestørrelse;faktiske/estimerede;diskretioneret;årsag til diskretionering');
    expect(lines[1]).toBe('måned;2021-01;2021-01;2;1;1;0;0;7,41;0,27;;');
    expect(lines[12]).toBe('i alt;total;I alt;4;1;1;1;1;72,92;0,05;;');
  });

  it('shows the year to date against the budget: Midt and Syd on 30 June 2021', async () => {
    // 1.1.–30.6.2021: 181 of 365 days. Midt: 2 + 2 + 1 + 1 + 1 = 7 referrals; 380 × 181/365 = 188.438 → 188.44; 7 / 188.438 = 0.037 → 0.04;
    // 7 / 380 = 1.8 % → 2 %; 7 × 365/181 = 14.116 → 14.12. Syd: 4 Jan and 30 Jun = 2; 675 × 181/365 = 334.73; 2 / 334.726 → 0.01;
    // 2 / 675 = 0.3 % → 0 %; 2 × 365/181 = 4.033 → 4.03.
    const { status, body } = await ops().get('/v1/reports/referrals/year-to-date?year=2021&asOf=2021-06-30');
    expect(status).toBe(200);
    expect(row(body, 'midt')).toEqual({ level: 'house', code: 'midt', name: expect.any(String), year: 2021, asOf: '2021-06-30', daysElapsed: 181, daysInYear: 365, referrals: 7, expectedForYear: 380, expectedToDate: 188.44, ratioToDate: 0.04, percentOfYearReached: 2, projectedForYear: 14.12 });
    expect(row(body, 'syd')).toMatchObject({ referrals: 2, expectedForYear: 675, expectedToDate: 334.73, ratioToDate: 0.01, percentOfYearReached: 0, projectedForYear: 4.03 });
    expect(row(body, 'nord')).toMatchObject({ referrals: 0, expectedForYear: null, expectedToDate: null, ratioToDate: null });
    expect(row(body, 'DK')).toMatchObject({ referrals: 9, expectedForYear: null });
    const own = await httpAs(service.url, 'boernehus', { house: 'syd' }).get('/v1/reports/referrals/year-to-date?year=2021&asOf=2021-06-30&format=csv&locale=da');
    expect(own.text.split('\r\n')[1]).toBe('børnehus;syd;Børnehus Syd;2021-06-30;2;675;334,73;0,01;0;4,03');
  });

  it('refuses bad periods and parameters with 400 naming them, and cuts a period at today', async () => {
    expect((await ops().get('/v1/reports/referrals?from=2021-05-01&to=2021-04-01')).body.errors[0].field).toBe('to');
    expect((await ops().get('/v1/reports/referrals?from=2015-01-01&to=2021-06-01')).body).toMatchObject({ status: 400, errors: [{ field: 'to', message: expect.stringContaining('at most 1827 days') }] });
    expect((await ops().get('/v1/reports/referrals?from=2021-02-30&to=2021-04-01')).body.errors[0].field).toBe('from');
    expect((await ops().get('/v1/reports/referrals?groupBy=street')).body.errors[0].field).toBe('groupBy');
    expect((await ops().get('/v1/reports/referrals?municipality=999')).body.errors[0].field).toBe('municipality');
    expect((await ops().get('/v1/reports/referrals/year-to-date?year=2021&asOf=2020-12-31')).body.errors[0].field).toBe('asOf');
    expect((await ops().get('/v1/reports/referrals/year-to-date?year=2022')).body.errors[0].field).toBe('year');
    const cut = await ops().get('/v1/reports/referrals?year=2021&groupBy=house&house=midt');
    expect(cut.body).toMatchObject({ period: { from: '2021-01-01', to: '2021-11-01' }, requestedTo: '2021-12-31', rows: [{ referrals: 8, expectedReferrals: 317.53 }] });
  });

  it('usage counts the abuse cases completed or interrupted, not withdrawn or SBA cases, and says so', async () => {
    // Aarhus: 5 completed + 1 interrupted = 6 (not 8). Viborg 5. The 17 others 0: primary, and as they would add up to 0, the
    // smallest shown count of the region (Viborg, 5) is hidden in addition: then Viborg is 3 to 5 and the others 0-2 each.
    const { body } = await aarhus().get('/v1/reports/usage?year=2021&region=1082');
    expect(row(body, '751')).toMatchObject({ closedCases: 6, suppressed: null });
    expect(row(body, '791')).toMatchObject({ closedCases: null, suppressed: 'secondary' });
    expect(row(body, '1082')).toMatchObject({ closedCases: 11 });
    expect(body.definitions.closedCases).toContain('withdrawn cases are not counted');
    expect(body.definitions.expectedCases).toContain("share of the whole's children aged 0-17");
  });
});
