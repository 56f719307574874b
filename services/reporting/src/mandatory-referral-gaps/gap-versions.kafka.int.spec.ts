import { type IntegrationEvent, MandatoryReferralGapOpenedV1, MandatoryReferralGapOpenedV2, mandatoryReferralGapOpenedV2FromV1 } from '@sagsspor/contracts';
import type { ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import fc from 'fast-check';
import { liveGenerations } from '../projections/projection-store';
import type { Versions } from '../test-support/event-arbitraries';
import { integrationEvent, publish } from '../test-support/events';
import { startReporting } from '../test-support/reporting-service';

// mandatory-referral-gap-opened is published as v1, as v2, or as both (ADR 0013). Through real
// Kafka and the live consumer (its batches) into real PostgreSQL: the same gaps arriving as v1 only,
// as v2 only and as a random mix of v1, v2 and twin pairs, each history in a random order, leave the
// same rows. The three histories of a run carry their own gap-id prefix, so they share one service.

const gapArbitrary = fc.record({
  municipalityCode: fc.constantFrom('751', '101', '851'),
  houseCode: fc.constantFrom('midt' as const, 'hovedstaden' as const, 'nord' as const),
  // Either side of 1 January 2024, when Barnets lov § 125 replaced Serviceloven § 50 b.
  criteriaMetAt: fc.constantFrom('2023-06-01', '2023-12-31', '2024-01-01', '2025-03-06'),
  policeInvolvement: fc.constantFrom('reported' as const, 'consulted' as const),
  versions: fc.constantFrom<Versions>('v1', 'v2', 'both'),
});
const runArbitrary = fc.record({
  gaps: fc.array(gapArbitrary, { minLength: 1, maxLength: 8 }),
  orders: fc.tuple(fc.array(fc.nat(), { minLength: 16, maxLength: 16 }), fc.array(fc.nat(), { minLength: 16, maxLength: 16 }), fc.array(fc.nat(), { minLength: 16, maxLength: 16 })),
});
type Gap = typeof gapArbitrary extends fc.Arbitrary<infer T> ? T : never;

const TIME = '2025-07-01T08:00:00.000Z';
const v1Of = (prefix: string, i: number, gap: Gap): IntegrationEvent => ({
  ...integrationEvent(MandatoryReferralGapOpenedV1, {
    ...MandatoryReferralGapOpenedV1.example,
    gapId: `gap-${prefix}-${i}`,
    underretningId: `${prefix}-${i}`,
    municipalityCode: gap.municipalityCode,
    houseCode: gap.houseCode,
    criteriaMetAt: gap.criteriaMetAt,
    policeInvolvement: gap.policeInvolvement,
  }),
  time: TIME,
});
const v2Of = (v1: IntegrationEvent, id = v1.id): IntegrationEvent => ({ ...v1, id, type: MandatoryReferralGapOpenedV2.type, data: mandatoryReferralGapOpenedV2FromV1(v1.data as MandatoryReferralGapOpenedV1) });

/** The history of the run's gaps in the given versions, in the order the random keys give. */
function history(prefix: string, gaps: Gap[], versionsOf: (gap: Gap) => Versions, order: number[]): IntegrationEvent[] {
  const events = gaps.flatMap((gap, i) => {
    const v1 = v1Of(prefix, i, gap);
    const versions = versionsOf(gap);
    return versions === 'v1' ? [v1] : versions === 'v2' ? [v2Of(v1)] : [v1, v2Of(v1, `${v1.id}-1`)];
  });
  return events.map((e, i) => ({ e, key: order[i % order.length] * 100 + i })).sort((a, b) => a.key - b.key).map(({ e }) => e);
}

describe('gaps published as v1, v2 or both, through Kafka: the same rows', () => {
  let service: ServiceUnderTest;
  let run = 0;

  beforeAll(async () => {
    service = await startReporting('reporting_gap_versions');
  });
  afterAll(() => service?.drop());

  /** The gaps of one history, with its prefix taken out of every value, in gap order. */
  async function rowsOf(prefix: string, expected: number): Promise<unknown[]> {
    const schema = (await liveGenerations(service.dataSource)).facts.schema;
    const read = async () => (await service.dataSource.query(`SELECT * FROM "${schema}".mandatory_referral_gaps WHERE gap_id LIKE $1 ORDER BY gap_id`, [`gap-${prefix}-%`])) as Record<string, unknown>[];
    const rows = await waitFor(read, (r) => r.length === expected, { what: `${expected} gaps of ${prefix}`, timeoutMs: 60000 });
    return rows.map((row) => JSON.parse(JSON.stringify(row).replaceAll(`${prefix}-`, '')));
  }

  it('leaves identical rows for v1 only, v2 only and a mix, each in any order', async () => {
    await fc.assert(
      fc.asyncProperty(runArbitrary, async ({ gaps, orders }) => {
        run += 1;
        const [v1Only, v2Only, mixed] = [`r${run}v1`, `r${run}v2`, `r${run}mix`];
        await publish(service, [
          ...history(v1Only, gaps, () => 'v1', orders[0]),
          ...history(v2Only, gaps, () => 'v2', orders[1]),
          ...history(mixed, gaps, (gap) => gap.versions, orders[2]),
        ]);
        const expected = await rowsOf(v1Only, gaps.length);
        expect(expected).toEqual(gaps.map(() => expect.objectContaining({ legal_basis: expect.stringMatching(/^(serviceloven-50b|barnets-lov-125)$/) })));
        expect(await rowsOf(v2Only, gaps.length)).toEqual(expected);
        expect(await rowsOf(mixed, gaps.length)).toEqual(expected);
      }),
      { numRuns: 5 },
    );
  }, 300000);
});
