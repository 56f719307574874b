import { CaseConferenceHeldV1, CaseServiceDeliveredV1, CaseSuspectRegisteredV1, ConsultationRecordedV1, type IntegrationEvent } from '@sagsspor/contracts';
import { httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, integrationEvent, publish } from '../test-support/events';
import { startReporting } from '../test-support/reporting-service';

const caseId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('GET /v1/reports/annual-statistics', () => {
  let service: ServiceUnderTest;
  const ops = () => httpAs(service.url, 'ops');

  beforeAll(async () => {
    service = await startReporting('reporting_annual');
    const cases: IntegrationEvent[] = [
      // Børnehus Midt handles a case for a municipality in Region Nordjylland (Aalborg, 851).
      ...caseEvents({ caseId: caseId(1), municipalityCode: '851', houseCode: 'midt', referredAt: '2017-02-01', openedAt: '2017-02-03', closedAt: '2017-05-01', childSex: 'female', childAgeYears: 13, abuseTypes: ['sexual'] }),
      ...caseEvents({ caseId: caseId(2), municipalityCode: '751', houseCode: 'midt', referredAt: '2017-02-01', openedAt: '2017-02-03', closedAt: '2017-06-01', childSex: 'male', childAgeYears: 7, abuseTypes: ['violence'] }),
      ...caseEvents({ caseId: caseId(3), municipalityCode: '751', houseCode: 'midt', referredAt: '2017-02-01', openedAt: '2017-02-03', closedAt: '2017-07-01', childSex: 'female', childAgeYears: 13, abuseTypes: ['violence', 'sexual', 'psychological'] }),
      ...caseEvents({ caseId: caseId(4), municipalityCode: '851', houseCode: 'nord', referredAt: '2017-02-01', openedAt: '2017-02-03', closedAt: '2017-08-01', childSex: 'male', childAgeYears: 4, abuseTypes: [] }),
      ...caseEvents({ caseId: caseId(5), municipalityCode: '851', houseCode: 'nord', referredAt: '2017-02-01', openedAt: '2017-02-03', closedAt: '2018-01-02', abuseTypes: ['violence'] }), // closed in 2018
    ];
    const conference = (id: string, n: number, kind: 'coordinating' | 'follow-up' | 'concluding', house: 'midt' | 'nord', police: 'attended' | 'phone' | 'absent') =>
      integrationEvent(CaseConferenceHeldV1, { conferenceId: id, caseId: caseId(n), houseCode: house, kind, heldAt: '2017-03-01', participants: [{ sector: 'municipality', mode: 'attended' }, { sector: 'police', mode: police }] });
    await publish(service, [
      ...cases,
      conference('C1', 1, 'coordinating', 'midt', 'phone'),
      conference('C2', 2, 'coordinating', 'midt', 'absent'),
      conference('C3', 2, 'concluding', 'midt', 'attended'),
      conference('C4', 4, 'coordinating', 'nord', 'attended'),
      conference('C5', 5, 'coordinating', 'nord', 'attended'), // a 2018 case: not counted
      integrationEvent(CaseSuspectRegisteredV1, { caseId: caseId(1), houseCode: 'midt', suspectId: 'S1', sex: 'male', relation: 'step-parent', ageGroup: '30-49' }),
      integrationEvent(CaseSuspectRegisteredV1, { caseId: caseId(2), houseCode: 'midt', suspectId: 'S1', sex: 'female', relation: 'parent', ageGroup: '30-49' }),
      integrationEvent(CaseSuspectRegisteredV1, { caseId: caseId(2), houseCode: 'midt', suspectId: 'S2', sex: 'male', relation: 'parent', ageGroup: '30-49' }),
      ...[1, 1, 2].map((n, i) => integrationEvent(CaseServiceDeliveredV1, { caseId: caseId(n), houseCode: 'midt', municipalityCode: '751', serviceId: `SV-${i}`, kind: 'crisis-conversation', provider: 'boernehus', recipient: 'child', deliveredAt: '2017-03-02' })),
      integrationEvent(CaseServiceDeliveredV1, { caseId: caseId(3), houseCode: 'midt', municipalityCode: '751', serviceId: 'SV-P', kind: 'video-interview', provider: 'police', recipient: 'child', deliveredAt: '2017-03-02' }),
      integrationEvent(ConsultationRecordedV1, { consultationId: 'K1', houseCode: 'midt', municipalityCode: '751', askedAt: '2017-01-10', outcome: 'advice-given' }),
      integrationEvent(ConsultationRecordedV1, { consultationId: 'K2', houseCode: 'midt', municipalityCode: '751', askedAt: '2016-12-10', outcome: 'advice-given' }),
    ]);
    await waitFor(() => ops().get('/v1/reports/annual-statistics?year=2017'), (r) => r.body.closedCases?.total === 4 && r.body.services.total === 4 && r.body.suspects.total === 3 && r.body.sectorParticipation.all.coordinatingConferences === 3 && r.body.consultations.total === 1, {
      timeoutMs: 60000,
      what: 'the annual facts to be projected',
    });
  }, 120000);
  afterAll(() => service?.drop());

  it('counts closed cases by house and by the handlekommune\'s region (a house may handle another region\'s case)', async () => {
    const { body } = await ops().get('/v1/reports/annual-statistics?year=2017');
    expect(body.closedCases.byHouse.find((h: { houseCode: string }) => h.houseCode === 'midt').cases).toBe(3);
    expect(body.closedCases.byRegion.filter((r: { cases: number }) => r.cases > 0)).toEqual([
      { regionCode: '1081', name: 'Region Nordjylland', cases: 2 },
      { regionCode: '1082', name: 'Region Midtjylland', cases: 2 },
    ]);
    expect(body.consultations.byHouse.find((h: { houseCode: string }) => h.houseCode === 'midt').consultations).toBe(1);
  });

  it('gives children by sex and age, abuse types (several per case) and suspects by sex and relation', async () => {
    const { body } = await ops().get('/v1/reports/annual-statistics?year=2017');
    expect(body.children.bySex).toEqual([{ sex: 'female', count: 2, percent: 50 }, { sex: 'male', count: 2, percent: 50 }]);
    expect(body.children.bySexAndAge).toEqual([{ sex: 'female', age: 13, cases: 2 }, { sex: 'male', age: 4, cases: 1 }, { sex: 'male', age: 7, cases: 1 }]);
    expect(body.abuseTypes).toEqual({
      violenceOnly: { count: 1, percent: 25 },
      sexualOnly: { count: 1, percent: 25 },
      violenceAndSexual: { count: 1, percent: 25 },
      psychologicalOnly: { count: 0, percent: 0 },
      unknown: { count: 1, percent: 25 },
      withPsychological: { count: 1, percent: 25 },
    });
    expect(body.suspects.bySexAndRelation).toEqual([{ sex: 'female', relation: 'parent', suspects: 1 }, { sex: 'male', relation: 'parent', suspects: 1 }, { sex: 'male', relation: 'step-parent', suspects: 1 }]);
  });

  it('gives case conferences, sector participation in coordinating conferences by house, and services by provider', async () => {
    const { body } = await ops().get('/v1/reports/annual-statistics?year=2017');
    expect(body.caseConferences.casesWithAtLeastOne).toEqual({ count: 3, percent: 75 });
    expect(body.caseConferences.byKind).toEqual([
      { kind: 'coordinating', conferences: 3, cases: { count: 3, percent: 75 } },
      { kind: 'follow-up', conferences: 0, cases: { count: 0, percent: 0 } },
      { kind: 'concluding', conferences: 1, cases: { count: 1, percent: 25 } },
    ]);
    const midt = body.sectorParticipation.byHouse.find((p: { houseCode: string }) => p.houseCode === 'midt');
    expect(midt.coordinatingConferences).toBe(2);
    expect(midt.sectors.find((s: { sector: string }) => s.sector === 'police')).toEqual({ sector: 'police', tookPart: { count: 1, percent: 50 }, attended: 0, written: 0, phone: 1, absent: 1 });
    expect(body.sectorParticipation.all.sectors[0]).toMatchObject({ sector: 'municipality', tookPart: { count: 3, percent: 100 } });
    expect(body.services).toEqual({
      total: 4,
      casesWithServices: 3,
      byProvider: [{ provider: 'boernehus', services: 3, cases: 2 }, { provider: 'police', services: 1, cases: 1 }, { provider: 'forensic', services: 0, cases: 0 }, { provider: 'paediatrician', services: 0, cases: 0 }],
    });
  });

  it('keeps a house-bound caller to its house, answers CSV one row per cell, and needs a period', async () => {
    const nord = await httpAs(service.url, 'boernehus', { house: 'nord' }).get('/v1/reports/annual-statistics?year=2017');
    expect(nord.body).toMatchObject({ house: 'nord', closedCases: { total: 1 } });
    const csv = await ops().get('/v1/reports/annual-statistics?year=2017&format=csv&locale=da');
    expect(csv.text.split('\r\n')[0]).toBe('tabel;gruppe;kategori;antal;procent');
    expect(csv.text).toContain('sagssamråd;sager;mindst ét;3;75');
    expect((await ops().get('/v1/reports/annual-statistics')).body.errors[0].field).toBe('year');
  });
});
