import {
  type IntegrationEvent,
  MandatoryReferralGapOpenedV1,
  ReferralAcceptedV1,
  ReferralSubmittedV1,
  UnderretningReceivedV1,
  VideoInterviewRecordedV1,
} from '@sagsspor/contracts';
import { migratedTestDataSource } from '@sagsspor/testing';
import type { DataSource } from 'typeorm';
import { integrationEvent } from '../test-support/events';
import { dumpGeneration, liveGenerations } from './projection-store';
import { projections } from './projections';
import { ProjectionsKafkaController } from './projections.kafka.controller';
import { ProjectionGenerations1764200000000 } from './projections.migration';
import { ReportingTenantScopedIds1765100000200 } from './tenant-scoped-ids.migration';

// ADR 0095 in reporting: the same caller id from two tenants is two rows (a referral, a gap, an
// interview, an underretning counted), through the real handler on PostgreSQL; and the migration
// brings a generation of the shape before (keyed by the id alone) to the new keys, every row kept.

const handlers = new ProjectionsKafkaController().handlers();
const aarhus = '751';
const kbh = '101';

/** The same id from Aarhus and from København (and from two police districts). */
function eventsOfTwoTenants(): IntegrationEvent[] {
  const submitted = ReferralSubmittedV1.example;
  const accepted = ReferralAcceptedV1.example;
  const gap = MandatoryReferralGapOpenedV1.example;
  const interview = VideoInterviewRecordedV1.example;
  const received = UnderretningReceivedV1.example;
  return [
    integrationEvent(ReferralSubmittedV1, { ...submitted, municipalityCode: aarhus, houseCode: 'midt' }),
    integrationEvent(ReferralAcceptedV1, { ...accepted, referralId: submitted.referralId, municipalityCode: aarhus, houseCode: 'midt' }),
    integrationEvent(ReferralSubmittedV1, { ...submitted, municipalityCode: kbh, houseCode: 'hovedstaden' }),
    integrationEvent(MandatoryReferralGapOpenedV1, { ...gap, municipalityCode: aarhus }),
    integrationEvent(MandatoryReferralGapOpenedV1, { ...gap, municipalityCode: kbh, houseCode: 'hovedstaden' }),
    integrationEvent(VideoInterviewRecordedV1, { ...interview, policeDistrict: 'oestjylland' }),
    integrationEvent(VideoInterviewRecordedV1, { ...interview, policeDistrict: 'nordsjaelland', municipalityCode: kbh, houseCode: 'hovedstaden' }),
    integrationEvent(UnderretningReceivedV1, { ...received, municipalityCode: aarhus }),
    integrationEvent(UnderretningReceivedV1, { ...received, municipalityCode: kbh }),
  ];
}

async function project(dataSource: DataSource, events: IntegrationEvent[]): Promise<void> {
  for (const event of events) await dataSource.transaction((manager) => handlers[event.type]?.(event, { manager, topic: 't', partition: 0, offset: '0' }) ?? Promise.resolve());
}

async function dumps(dataSource: DataSource): Promise<Record<string, unknown>> {
  const live = await liveGenerations(dataSource);
  const all: Record<string, unknown> = {};
  for (const p of projections) all[p.name] = await dumpGeneration(dataSource, p, live[p.name].schema);
  return all;
}

describe('reporting keys caller ids with their tenant (ADR 0095), on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;

  beforeAll(async () => {
    db = await migratedTestDataSource('reporting_tenant_ids', [ProjectionGenerations1764200000000, ReportingTenantScopedIds1765100000200], 3);
  });
  afterAll(() => db?.close());

  it('keeps the same id from two tenants as two rows, each with its own facts', async () => {
    await project(db.dataSource, eventsOfTwoTenants());
    const { facts, activity } = (await dumps(db.dataSource)) as Record<string, Record<string, Record<string, unknown>[]>>;
    expect(facts.referrals.map((r) => [r.municipality_code, r.referral_id, r.house_code, r.case_id ?? null])).toEqual([
      [kbh, ReferralSubmittedV1.example.referralId, 'hovedstaden', null],
      [aarhus, ReferralSubmittedV1.example.referralId, 'midt', ReferralAcceptedV1.example.caseId],
    ]);
    expect(facts.mandatory_referral_gaps.map((r) => [r.municipality_code, r.gap_id])).toEqual([
      [kbh, MandatoryReferralGapOpenedV1.example.gapId],
      [aarhus, MandatoryReferralGapOpenedV1.example.gapId],
    ]);
    expect(facts.video_interviews.map((r) => [r.police_district, r.interview_id, r.house_code])).toEqual([
      ['nordsjaelland', VideoInterviewRecordedV1.example.interviewId, 'hovedstaden'],
      ['oestjylland', VideoInterviewRecordedV1.example.interviewId, VideoInterviewRecordedV1.example.houseCode],
    ]);
    const received = activity.activity_facts.filter((r) => r.metric === 'underretninger-received' && r.dimension === 'total');
    expect(received.map((r) => r.item_id)).toEqual([`${kbh}:${UnderretningReceivedV1.example.underretningId}`, `${aarhus}:${UnderretningReceivedV1.example.underretningId}`]);
  });

  it('migrates a generation of the shape before: every row kept, keyed with its tenant, and the live handler goes on with it', async () => {
    const dataSource = db.dataSource;
    const live = await liveGenerations(dataSource);
    const facts = `"${live.facts.schema}"`;
    const activity = `"${live.activity.schema}"`;
    for (const p of projections) for (const t of p.tables) await dataSource.query(`TRUNCATE "${live[p.name].schema}"."${t.name}"`);
    // Before ADR 0095 an id was unique on its own: one tenant per id.
    const [referral, , , gap, , interview, , underretning] = eventsOfTwoTenants();
    await project(dataSource, [referral, gap, interview, underretning]);
    await dataSource.query(`UPDATE ${activity}.activity_facts SET item_id = substring(item_id from ':(.*)$') WHERE metric = 'underretninger-received'`);
    for (const [table, tenant, id] of [
      ['referrals', 'municipality_code', 'referral_id'],
      ['mandatory_referral_gaps', 'municipality_code', 'gap_id'],
      ['video_interviews', 'police_district', 'interview_id'],
    ]) {
      await dataSource.query(`ALTER TABLE ${facts}.${table} DROP CONSTRAINT ${table}_pkey, ALTER COLUMN ${tenant} DROP NOT NULL, ADD PRIMARY KEY (${id})`);
    }
    const before = (await dumps(dataSource)) as Record<string, Record<string, Record<string, unknown>[]>>;
    expect(before.activity.activity_facts.filter((r) => r.metric === 'underretninger-received').map((r) => r.item_id)).toEqual([
      UnderretningReceivedV1.example.underretningId,
      UnderretningReceivedV1.example.underretningId,
    ]);

    const runner = dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await new ReportingTenantScopedIds1765100000200().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }

    const after = (await dumps(dataSource)) as Record<string, Record<string, Record<string, unknown>[]>>;
    expect(after.facts).toEqual(before.facts);
    expect(after.activity.activity_facts).toEqual(
      before.activity.activity_facts.map((r) => (r.metric === 'underretninger-received' ? { ...r, item_id: `${aarhus}:${r.item_id}` } : r)),
    );
    const keys = await dataSource.query(
      `SELECT tc.table_name, string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position) AS columns
         FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
        WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = $1 AND tc.table_name IN ('referrals', 'mandatory_referral_gaps', 'video_interviews')
        GROUP BY tc.table_name ORDER BY tc.table_name`,
      [live.facts.schema],
    );
    expect(keys).toEqual([
      { table_name: 'mandatory_referral_gaps', columns: 'municipality_code,gap_id' },
      { table_name: 'referrals', columns: 'municipality_code,referral_id' },
      { table_name: 'video_interviews', columns: 'police_district,interview_id' },
    ]);

    // The events of the other tenants now land beside the migrated rows; a redelivered old one changes nothing.
    await project(dataSource, eventsOfTwoTenants());
    const twoEach = (await dumps(dataSource)) as Record<string, Record<string, Record<string, unknown>[]>>;
    expect(twoEach.facts.referrals).toHaveLength(2);
    expect(twoEach.facts.mandatory_referral_gaps).toHaveLength(2);
    expect(twoEach.facts.video_interviews).toHaveLength(2);
    expect(twoEach.activity.activity_facts.filter((r) => r.metric === 'underretninger-received' && r.dimension === 'total')).toHaveLength(2);
  });
});
