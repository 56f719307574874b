import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type PoliceInterviewFact, type PoliceInterviewStatus, policeInterviewStatus } from './domain/police-interview-status';

/**
 * What sector-coordination (and the house, through a recorded release) told us about each child's
 * police video interviews, and which cases of the child are open: the local tables the gate needs,
 * written in the inbox transaction or in the transaction of the case's events.
 */
@Injectable()
export class PoliceInterviewFactsRepository {
  /**
   * Serialises everything that reads or writes one child's facts or open cases (an opening and an
   * interview of the same child arriving on two partitions at once), until the transaction ends.
   */
  async lockChild(manager: EntityManager, childRef: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`child-police:${childRef}`]);
  }

  async record(manager: EntityManager, childRef: string, kind: PoliceInterviewFact['kind'], factId: string, onDate: string): Promise<void> {
    await manager.query(
      `INSERT INTO police_interview_facts (child_ref, kind, fact_id, on_date) VALUES ($1, $2, $3, $4)
       ON CONFLICT (child_ref, kind, fact_id) DO UPDATE SET on_date = excluded.on_date, recorded_at = now()`,
      [childRef, kind, factId, onDate],
    );
  }

  async forget(manager: EntityManager, childRef: string, kind: PoliceInterviewFact['kind'], factId: string): Promise<void> {
    await manager.query(`DELETE FROM police_interview_facts WHERE child_ref = $1 AND kind = $2 AND fact_id = $3`, [childRef, kind, factId]);
  }

  async statusOf(manager: EntityManager, childRef: string): Promise<PoliceInterviewStatus> {
    const rows: { kind: PoliceInterviewFact['kind']; on_date: string }[] = await manager.query(
      `SELECT kind, on_date::text FROM police_interview_facts WHERE child_ref = $1`,
      [childRef],
    );
    return policeInterviewStatus(rows.map((r) => ({ kind: r.kind, onDate: r.on_date })));
  }

  async openCasesOf(manager: EntityManager, childRef: string): Promise<string[]> {
    const rows: { case_id: string }[] = await manager.query(`SELECT case_id FROM open_cases_by_child WHERE child_ref = $1 ORDER BY case_id`, [childRef]);
    return rows.map((r) => r.case_id);
  }

  async childOfOpenCase(manager: EntityManager, caseId: string): Promise<string | undefined> {
    const rows: { child_ref: string }[] = await manager.query(`SELECT child_ref FROM open_cases_by_child WHERE case_id = $1`, [caseId]);
    return rows[0]?.child_ref;
  }

  async caseOpened(manager: EntityManager, childRef: string, caseId: string): Promise<void> {
    await manager.query(`INSERT INTO open_cases_by_child (child_ref, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [childRef, caseId]);
  }

  async caseClosed(manager: EntityManager, childRef: string, caseId: string): Promise<void> {
    await manager.query(`DELETE FROM open_cases_by_child WHERE child_ref = $1 AND case_id = $2`, [childRef, caseId]);
  }
}
