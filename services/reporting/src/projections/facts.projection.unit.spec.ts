import { CaseClosedV1, CaseClosureCorrectedV1, definitionOf, validateIntegrationEventData, VideoInterviewCorrectedV1, VideoInterviewSiteAssignedV1 } from '@sagsspor/contracts';
import fc from 'fast-check';
import { eventsOf, worldArbitrary } from '../test-support/event-arbitraries';
import { factsChanges, factsEventTypes } from './facts.projection';
import { upsertStatement } from './domain/row-change';

const event = (type: string, data: unknown, id = 'e-1') => ({ id, type, source: 's', time: '2025-06-10T08:00:00.000Z', data });

describe('facts projection', () => {
  it('generated test events are valid contract events', () => {
    fc.assert(
      fc.property(worldArbitrary, (world) => {
        for (const e of eventsOf(world)) expect([e.type, validateIntegrationEventData(e.type, e.data)]).toEqual([e.type, []]);
      }),
      { numRuns: 50 },
    );
  });

  it('writes a closure guarded by its revision, so the highest revision wins in any order', () => {
    const [closed] = factsChanges(event(CaseClosedV1.type, CaseClosedV1.example, 'e-a'));
    const [corrected] = factsChanges(event(CaseClosureCorrectedV1.type, CaseClosureCorrectedV1.example, 'e-b'));
    expect(closed).toMatchObject({ table: 'case_closures', key: { case_id: CaseClosedV1.example.caseId }, set: { closed_at: '2025-06-10', revision: 1 } });
    expect(corrected.set).toMatchObject({ closed_at: '2025-06-09', outcome: 'interrupted', revision: 2 });
    expect(closed.guard!.version < corrected.guard!.version).toBe(true);
  });

  it('orders revisions numerically, not as text (10 after 9)', () => {
    const [nine] = factsChanges(event(VideoInterviewCorrectedV1.type, { ...VideoInterviewCorrectedV1.example, revision: 9 }, 'z'));
    const [ten] = factsChanges(event(VideoInterviewCorrectedV1.type, { ...VideoInterviewCorrectedV1.example, revision: 10 }, 'a'));
    expect(nine.guard!.version < ten.guard!.version).toBe(true);
  });

  it("keeps an interview's latest site by its police district and id, the later assignment winning in any order (ADR 0076)", () => {
    const at = (siteCode: string, time: string, id: string) => ({ ...event(VideoInterviewSiteAssignedV1.type, { ...VideoInterviewSiteAssignedV1.example, siteCode }, id), time });
    const [herning] = factsChanges(at('midt-herning', '2025-06-10T08:00:00.000Z', 'e-z'));
    const [aarhus] = factsChanges(at('midt-aarhus', '2025-06-11T08:00:00.000Z', 'e-a'));
    expect(herning).toMatchObject({
      table: 'video_interview_sites',
      key: { police_district: 'oestjylland', interview_id: 'OJP-VA-2025-0815' },
      set: { house_code: 'midt', municipality_code: '751', site_code: 'midt-herning' },
    });
    expect(herning.guard!.version < aarhus.guard!.version).toBe(true);
  });

  it('has a change for every event type it declares (its contract example), and none for others', () => {
    for (const type of factsEventTypes) expect([type, factsChanges(event(type, definitionOf(type)!.example)).length > 0]).toEqual([type, true]);
    expect(factsChanges(event('dk.sagsspor.case-lifecycle.case-settled.v1', {}))).toEqual([]);
  });

  it('builds a guarded upsert that only overwrites a lower stored version', () => {
    const [closed] = factsChanges(event(CaseClosedV1.type, CaseClosedV1.example));
    const { sql, params } = upsertStatement('rm_facts_g1', closed);
    expect(sql).toMatch(/^INSERT INTO "rm_facts_g1"."case_closures" AS stored \("case_id", "revision", .*\) ON CONFLICT \("case_id"\) DO UPDATE SET .* WHERE stored."version" IS NULL OR stored."version" < EXCLUDED."version"$/);
    expect(params[0]).toBe(CaseClosedV1.example.caseId);
    expect(() => upsertStatement('rm; DROP', closed)).toThrow(/not a safe SQL identifier/);
  });
});
