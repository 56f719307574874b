import { CaseServiceDeliveredV1, ExaminationPerformedV1, type IntegrationEvent, VideoInterviewRecordedV1 } from '@sagsspor/contracts';
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
describe('GET /v1/reports/annual-statistics: services counted once from case-lifecycle and sector-coordination', () => {
  let reporting: ServiceUnderTest;
  const ops = () => httpAs(reporting.url, 'ops');

  beforeAll(async () => {
    reporting = await startReporting('reporting_annual_tables');
    const cases: IntegrationEvent[] = [
      ...caseEvents({ caseId: caseId(1), child: 9101, municipalityCode: '751', houseCode: 'midt', referredAt: '2017-02-01', openedAt: '2017-02-10', closedAt: '2017-05-01' }),
      ...caseEvents({ caseId: caseId(2), child: 9102, municipalityCode: '751', houseCode: 'midt', referredAt: '2017-03-01', openedAt: '2017-03-05', closedAt: '2017-06-01' }),
      ...caseEvents({ caseId: caseId(3), child: 9103, municipalityCode: '751', houseCode: 'midt', referredAt: '2017-11-20', openedAt: '2017-11-25', closedAt: '2018-01-10' }),
    ];
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
  }, 120000);
  afterAll(() => reporting?.drop());

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
