import { CaseServiceDeliveredV1, CaseSuspectRegisteredV1, ExaminationPerformedV1, type IntegrationEvent, VideoInterviewRecordedV1 } from '@sagsspor/contracts';
import { httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, integrationEvent, publish } from '../test-support/events';
import { startReporting } from '../test-support/reporting-service';

const caseId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
// caseEvents' child n has the pseudonym n in hex, padded to 64.
const childRef = (n: number) => n.toString(16).padStart(64, '0');
const interview = (interviewId: string, child: number, conductedAt: string, reinterview = false) =>
  integrationEvent(VideoInterviewRecordedV1, {
    interviewId,
    revision: 1,
    policeDistrict: 'oestjylland',
    childRef: childRef(child),
    childSex: 'female',
    childAgeYears: 9,
    municipalityCode: '751',
    houseCode: 'midt',
    conductedAt,
    reinterview,
    lateAgainstTarget: false,
  });
const service = (n: number, serviceId: string, kind: 'crisis-conversation' | 'video-interview' | 'forensic-examination', provider: 'boernehus' | 'police' | 'forensic', deliveredAt: string) =>
  integrationEvent(CaseServiceDeliveredV1, { caseId: caseId(n), houseCode: 'midt', municipalityCode: '751', serviceId, kind, provider, recipient: 'child', deliveredAt });
const examination = (examinationId: string, n: number, kind: 'forensic' | 'paediatric', performedAt: string) => integrationEvent(ExaminationPerformedV1, { examinationId, caseId: caseId(n), kind, performedAt });

/**
 * Services by provider counted once, by hand (cases closed in 2017):
 * Case 1 (child 9101, referred 1 February, closed 1 May): entered two crisis conversations, a video interview on 5 February and a
 *   forensic examination on 20 February; recorded interview VI-1 on 5 February (the entered one: once), reinterview VI-2 on
 *   20 March (recorded only), forensic examination EX-1 on 20 February (the entered one: once).
 * Case 2 (child 9102, referred 1 March, closed 1 June): interview VI-3 on 15 January (45 days before the referral: within the 60),
 *   paediatric examination EX-2 (recorded only); VI-4 on 1 December 2016 (90 days before: not the case's).
 * Case 3 (child 9103) closes in 2018: its interview VI-5 is not 2017's. VI-6 (child 9104) has no case.
 * police: entered 1, recorded 3, in both 1 → 3 services in 2 cases; forensic: 1, 1, 1 → 1 in 1; paediatrician: 0, 1, 0 → 1 in 1;
 * boernehus: 2, 0, 0 → 2 in 1. Total 7 services in 2 cases (before: 4, with the interviews and examinations as 0 or 1).
 */
let reporting: ServiceUnderTest;
const reportingUrl = () => reporting.url;

describe('GET /v1/reports/annual-statistics: services counted once from case-lifecycle and sector-coordination', () => {
  const ops = () => httpAs(reporting.url, 'ops');

  beforeAll(async () => {
    reporting = await startReporting('reporting_annual_tables');
    const cases: IntegrationEvent[] = [
      ...caseEvents({ caseId: caseId(1), child: 9101, municipalityCode: '751', houseCode: 'midt', referredAt: '2017-02-01', openedAt: '2017-02-10', closedAt: '2017-05-01' }),
      ...caseEvents({ caseId: caseId(2), child: 9102, municipalityCode: '751', houseCode: 'midt', referredAt: '2017-03-01', openedAt: '2017-03-05', closedAt: '2017-06-01' }),
      ...caseEvents({ caseId: caseId(3), child: 9103, municipalityCode: '751', houseCode: 'midt', referredAt: '2017-11-20', openedAt: '2017-11-25', closedAt: '2018-01-10' }),
    ];
    // 2019: the tables of abuse type by the child's sex and age and by house, suspects by sex and abuse type, unique children.
    const y2019 = (n: number, child: number, houseCode: 'midt' | 'nord', childSex: 'female' | 'male', childAgeYears: number, abuseTypes: ('violence' | 'sexual' | 'psychological')[]) =>
      caseEvents({ caseId: caseId(n), child, municipalityCode: houseCode === 'midt' ? '751' : '851', houseCode, referredAt: '2019-02-01', openedAt: '2019-02-05', closedAt: '2019-06-01', childSex, childAgeYears, abuseTypes });
    const suspect = (n: number, suspectId: string, sex: 'female' | 'male' | 'unknown') =>
      integrationEvent(CaseSuspectRegisteredV1, { caseId: caseId(n), houseCode: 'midt', suspectId, sex, relation: 'parent', ageGroup: '30-49' });
    cases.push(
      ...y2019(11, 9201, 'midt', 'female', 13, ['sexual']),
      ...y2019(12, 9201, 'midt', 'female', 13, ['violence']), // the same child again
      ...y2019(13, 9202, 'midt', 'male', 7, ['violence']),
      ...y2019(14, 9203, 'nord', 'male', 7, ['violence', 'sexual']),
      ...y2019(15, 9204, 'nord', 'female', 4, []),
      ...y2019(16, 9205, 'midt', 'male', 13, ['psychological']),
      suspect(11, 'S1', 'male'),
      suspect(12, 'S1', 'female'),
      suspect(13, 'S1', 'male'),
      suspect(13, 'S2', 'female'),
      suspect(14, 'S1', 'male'),
      suspect(15, 'S1', 'male'),
      suspect(16, 'S1', 'unknown'),
    );
    await publish(reporting, [
      ...cases,
      service(1, 'SV-1', 'crisis-conversation', 'boernehus', '2017-03-01'),
      service(1, 'SV-2', 'crisis-conversation', 'boernehus', '2017-03-08'),
      service(1, 'SV-3', 'video-interview', 'police', '2017-02-05'),
      service(1, 'SV-4', 'forensic-examination', 'forensic', '2017-02-20'),
      interview('VI-1', 9101, '2017-02-05'),
      interview('VI-2', 9101, '2017-03-20', true),
      examination('EX-1', 1, 'forensic', '2017-02-20'),
      interview('VI-3', 9102, '2017-01-15'),
      examination('EX-2', 2, 'paediatric', '2017-03-10'),
      interview('VI-4', 9102, '2016-12-01'),
      interview('VI-5', 9103, '2017-12-01'),
      interview('VI-6', 9104, '2017-04-01'),
    ]);
    await waitFor(
      () => ops().get('/v1/reports/annual-statistics?year=2017'),
      (r) => r.body.services?.total === 7 && r.body.serviceSources.byProvider.find((p: { provider: string }) => p.provider === 'police').recorded === 3,
      { timeoutMs: 60000, what: 'the services, interviews and examinations to be projected' },
    );
    await waitFor(() => ops().get('/v1/reports/annual-statistics?year=2019'), (r) => r.body.closedCases?.total === 6 && r.body.suspects.total === 7, { timeoutMs: 60000, what: 'the 2019 cases and suspects' });
  }, 120000);


  it('counts the police interviews and examinations recorded in sector-coordination among the services, once', async () => {
    const { body } = await ops().get('/v1/reports/annual-statistics?year=2017');
    expect(body.services).toEqual({
      total: 7,
      casesWithServices: 2,
      byProvider: [
        { provider: 'boernehus', services: 2, cases: 1 },
        { provider: 'police', services: 3, cases: 2 },
        { provider: 'forensic', services: 1, cases: 1 },
        { provider: 'paediatrician', services: 1, cases: 1 },
      ],
    });
    expect(body.serviceSources.byProvider).toEqual([
      { provider: 'boernehus', entered: 2, recorded: 0, inBoth: 0, counted: 2 },
      { provider: 'police', entered: 1, recorded: 3, inBoth: 1, counted: 3 },
      { provider: 'forensic', entered: 1, recorded: 1, inBoth: 1, counted: 1 },
      { provider: 'paediatrician', entered: 0, recorded: 1, inBoth: 0, counted: 1 },
    ]);
    expect(body.definitions.services).toContain('Counted once from two sources');
    expect(body.definitions.services).toContain('same case, provider and day');
  });

  it('counts the 2018 case\'s interview in 2018, and writes the sources in the Danish CSV', async () => {
    await waitFor(() => ops().get('/v1/reports/annual-statistics?year=2018'), (r) => r.body.services?.total === 1, { timeoutMs: 30000, what: 'the 2018 case' });
    const csv = (await ops().get('/v1/reports/annual-statistics?year=2017&format=csv&locale=da')).text.split('\r\n');
    expect(csv).toContain('ydelser;udfører;politi;3;');
    expect(csv).toContain('ydelser;sager;politi;2;');
    expect(csv).toContain('ydelser efter kilde;registreret af sektorerne;politi;3;');
    expect(csv).toContain('ydelser efter kilde;i begge (talt én gang);politi;1;');
  });
});

/**
 * The 2019 tables, by hand. Cases: 11 Midt girl 13 sexual; 12 Midt girl 13 violence (the same child as 11); 13 Midt boy 7
 * violence; 14 Nord boy 7 violence and sexual; 15 Nord girl 4 no type; 16 Midt boy 13 psychological only.
 * By sex: girls 2 with a type (11, 12) and 1 unknown: violence only 1 (50 %), sexual only 1 (50 %); boys 3: violence only,
 *   both, psychological only, 1 each (33 %). By age: 4: none with a type; 7: violence only 1, both 1 (50 % each); 13: 1 each of
 *   violence, sexual, psychological (33 %). By house: Midt 4 (11, 12, 13, 16): violence only 2 (50 %), sexual only 1 (25 %),
 *   psychological only 1 (25 %); Nord 1 with a type (14): both 1 (100 %), 1 unknown.
 * Suspects: women S1 of 12 and S2 of 13, both violence only (100 %); men S1 of 11 (sexual), 13 (violence), 14 (both) → 33 %
 *   each, S1 of 15 (no type) left out; S1 of 16 of unknown sex left out.
 * Unique children: 6 cases, 5 children, 1 with more than one case.
 */
describe('GET /v1/reports/annual-statistics: the tables by abuse type, suspects by sex and abuse type, unique children', () => {
  // The cases and suspects are published by the suite above (one service for the file).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an HTTP answer, checked field by field below
  let body: Record<string, any>;
  const shares = (types: [number, number | null][]) =>
    ['violenceOnly', 'sexualOnly', 'violenceAndSexual', 'psychologicalOnly'].map((type, i) => ({ type, count: types[i][0], percent: types[i][1] }));

  beforeAll(async () => {
    body = (await httpAs(reportingUrl(), 'ops').get('/v1/reports/annual-statistics?year=2019')).body;
  });

  it("gives abuse type by the child's sex, by age, and every sex, age and type", () => {
    expect(body.abuseTypeByChild.bySex).toEqual([
      { sex: 'female', withType: 2, unknown: 1, types: shares([[1, 50], [1, 50], [0, 0], [0, 0]]) },
      { sex: 'male', withType: 3, unknown: 0, types: shares([[1, 33], [0, 0], [1, 33], [1, 33]]) },
    ]);
    expect(body.abuseTypeByChild.byAge).toEqual([
      { age: 4, withType: 0, unknown: 1, types: shares([[0, null], [0, null], [0, null], [0, null]]) },
      { age: 7, withType: 2, unknown: 0, types: shares([[1, 50], [0, 0], [1, 50], [0, 0]]) },
      { age: 13, withType: 3, unknown: 0, types: shares([[1, 33], [1, 33], [0, 0], [1, 33]]) },
    ]);
    expect(body.abuseTypeByChild.bySexAndAge).toEqual([
      { sex: 'female', age: 4, type: 'unknown', cases: 1 },
      { sex: 'female', age: 13, type: 'violenceOnly', cases: 1 },
      { sex: 'female', age: 13, type: 'sexualOnly', cases: 1 },
      { sex: 'male', age: 7, type: 'violenceOnly', cases: 1 },
      { sex: 'male', age: 7, type: 'violenceAndSexual', cases: 1 },
      { sex: 'male', age: 13, type: 'psychologicalOnly', cases: 1 },
    ]);
  });

  it('gives abuse type by house in one table, suspects by sex and abuse type, and unique children', () => {
    const house = (code: string) => body.abuseTypeByHouse.find((h: { houseCode: string }) => h.houseCode === code);
    expect(body.abuseTypeByHouse).toHaveLength(5);
    expect(house('midt')).toEqual({ houseCode: 'midt', name: 'Børnehus Midt', withType: 4, unknown: 0, types: shares([[2, 50], [1, 25], [0, 0], [1, 25]]) });
    expect(house('nord')).toMatchObject({ withType: 1, unknown: 1, types: shares([[0, 0], [0, 0], [1, 100], [0, 0]]) });
    expect(house('syd')).toMatchObject({ withType: 0, unknown: 0 });
    expect(body.suspectsByAbuseType).toEqual({
      unknownSex: 1,
      bySex: [
        { sex: 'female', withType: 2, unknown: 0, types: shares([[2, 100], [0, 0], [0, 0], [0, 0]]) },
        { sex: 'male', withType: 3, unknown: 1, types: shares([[1, 33], [1, 33], [1, 33], [0, 0]]) },
      ],
    });
    expect(body.uniqueChildren).toEqual({ cases: 6, children: 5, childrenWithSeveralCases: 1, casesWithoutChild: 0 });
  });

  it('writes the new tables in the Danish CSV', async () => {
    const csv = (await httpAs(reportingUrl(), 'ops').get('/v1/reports/annual-statistics?year=2019&format=csv&locale=da')).text.split('\r\n');
    expect(csv).toContain('overgrebstype efter barnets køn;køn: pige;kun vold;1;50');
    expect(csv).toContain('overgrebstype efter barnets alder;alder: 7;vold og seksuelle overgreb;1;50');
    expect(csv).toContain('overgrebstype efter barnets køn og alder;køn: dreng, alder: 13;kun psykisk vold;1;');
    expect(csv).toContain('overgrebstype efter børnehus;midt;kun vold;2;50');
    expect(csv).toContain('mistænkte krænkere efter køn og overgrebstype;kvinde;kun vold;2;100');
    expect(csv).toContain('unikke børn;alle;børn;5;');
    expect(csv).toContain('unikke børn;alle;børn med flere sager;1;');
  });
});

/**
 * The series, by hand: Midt closes 2 cases in 2017 (1, 2), 1 in 2018 (3), 4 in 2019 (11, 12, 13, 16): change 2017 → 2019
 * (4 − 2) / 2 = 100 %; Nord 0, 0, 2: no change (none in the first year); all 2, 1, 6: 200 %.
 */
describe('GET /v1/reports/annual-statistics/series', () => {
  const series = (query: string, as = httpAs(reportingUrl(), 'ops')) => as.get(`/v1/reports/annual-statistics/series?${query}`);

  it('gives closed cases per house and year, and the change from the first to the last year', async () => {
    const { body } = await series('fromYear=2017&toYear=2019');
    expect(body.rows.map((r: { houseCode: string }) => r.houseCode)).toEqual(['nord', 'midt', 'syd', 'hovedstaden', 'sjaelland', 'total']);
    const row = (code: string) => body.rows.find((r: { houseCode: string }) => r.houseCode === code);
    expect(row('midt')).toEqual({ houseCode: 'midt', name: 'Børnehus Midt', years: [{ year: 2017, cases: 2 }, { year: 2018, cases: 1 }, { year: 2019, cases: 4 }], changePercent: 100 });
    expect(row('nord')).toMatchObject({ years: [{ year: 2017, cases: 0 }, { year: 2018, cases: 0 }, { year: 2019, cases: 2 }], changePercent: null });
    expect(row('total')).toMatchObject({ name: 'I alt', years: [{ year: 2017, cases: 2 }, { year: 2018, cases: 1 }, { year: 2019, cases: 6 }], changePercent: 200 });
    expect(body.yearToDate).toBeNull();
    const csv = (await series('fromYear=2017&toYear=2019&format=csv&locale=da')).text.replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe('børnehus;navn;år;afsluttede sager');
    expect(csv).toContain('midt;Børnehus Midt;2019;4');
    expect(csv).toContain('midt;Børnehus Midt;ændring i procent;100');
    expect(csv).toContain('i alt;I alt;2019;6');
  });

  it('keeps a house-bound caller to its house, and refuses a year that has not begun or a reversed range, naming it', async () => {
    const nord = (await series('fromYear=2017&toYear=2019', httpAs(reportingUrl(), 'boernehus', { house: 'nord' }))).body;
    expect(nord.rows.map((r: { houseCode: string }) => r.houseCode)).toEqual(['nord', 'total']);
    expect(nord.rows[1].years.map((y: { cases: number }) => y.cases)).toEqual([0, 0, 2]);
    expect((await series('fromYear=2017&toYear=2019&house=midt', httpAs(reportingUrl(), 'boernehus', { house: 'nord' }))).status).toBe(403);
    expect((await series('toYear=2100')).body).toMatchObject({ status: 400, errors: [{ field: 'toYear' }] });
    expect((await series('fromYear=2019&toYear=2017')).body).toMatchObject({ status: 400, errors: [{ field: 'toYear' }] });
    expect((await series('fromYear=2010')).body).toMatchObject({ status: 400, errors: [{ field: 'fromYear' }] });
  });
});

afterAll(() => reporting?.drop());
