import { describeSecurityAttacks, exampleOf, httpAs } from '@sagsspor/service-testing';
import { generateCpr } from '@sagsspor/testing';
import { HoldCaseConferenceRequest } from './case-conference/case-conference.request.dto';
import { sectorCoordinationService } from './service';
import { caseLifecycleFor } from './test-support/case-lifecycle';

// The attacks of issue 8 on sector-coordination, aimed at a case of house midt known from
// case-lifecycle and a police video interview held there: each refused attack leaves every table as it was.
describeSecurityAttacks(sectorCoordinationService, {
  arrange: async (running) => {
    const caseId = '5c1d6b45-1e6f-4d66-8b95-2d4c3a2f1b02';
    const caseLifecycle = await caseLifecycleFor(running);
    await caseLifecycle.open(caseLifecycle.intake(caseId, { houseCode: 'midt', municipalityCode: '751', openedAt: '2025-03-12' }));
    await caseLifecycle.stop();
    const police = httpAs(running.url, 'police');
    const interview = await police.post('/v1/video-interviews', {
      interviewId: 'SEC-VA-1',
      policeDistrict: 'oestjylland',
      childCpr: generateCpr('2016-04-02', 'female', 83),
      municipalityCode: '751',
      houseCode: 'midt',
      conductedAt: '2025-03-11',
    });
    expect(interview.status).toBe(201);
    return {
      write: {
        caller: { role: 'boernehus', tenant: { house: 'midt' } },
        method: 'POST',
        path: '/v1/examinations',
        body: { examinationId: 'SEC-EX-1', caseId, kind: 'forensic', performedAt: '2025-03-20' },
      },
      otherTenant: { role: 'boernehus', tenant: { house: 'nord' } },
      reads: [
        { method: 'GET', path: '/v1/video-interviews/SEC-VA-1' },
        { method: 'PUT', path: '/v1/video-interviews/SEC-VA-1/site', body: { siteCode: 'midt-herning' } },
        { method: 'POST', path: '/v1/case-conferences', body: { ...exampleOf(HoldCaseConferenceRequest), conferenceId: 'SEC-CC-1', caseId, heldAt: '2025-03-21' } },
      ],
      params: { interviewId: 'SEC-VA-1' },
    };
  },
});
