import { Injectable } from '@nestjs/common';
import type { CaseConferenceHeldV1, ExaminationPerformedV1 } from '@sagsspor/contracts';
import type { EntityManager } from 'typeorm';

export type CaseConference = Pick<CaseConferenceHeldV1, 'conferenceId' | 'kind' | 'heldAt' | 'participants'>;
export type CaseExamination = Pick<ExaminationPerformedV1, 'examinationId' | 'kind' | 'performedAt'>;

/**
 * Case conferences and examinations that sector-coordination held for a case, kept by caseId.
 * Order-independent: a conference may arrive before the case is opened here; it is shown once the
 * case exists. A later event with the same id replaces the earlier one.
 */
@Injectable()
export class CaseReferencesRepository {
  async recordConference(manager: EntityManager, conference: CaseConferenceHeldV1): Promise<void> {
    await manager.query(
      `INSERT INTO case_conferences (conference_id, case_id, kind, held_at, participants) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (conference_id) DO UPDATE SET case_id = excluded.case_id, kind = excluded.kind, held_at = excluded.held_at, participants = excluded.participants`,
      [conference.conferenceId, conference.caseId, conference.kind, conference.heldAt, JSON.stringify(conference.participants)],
    );
  }

  async recordExamination(manager: EntityManager, examination: ExaminationPerformedV1): Promise<void> {
    await manager.query(
      `INSERT INTO case_examinations (examination_id, case_id, kind, performed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (examination_id) DO UPDATE SET case_id = excluded.case_id, kind = excluded.kind, performed_at = excluded.performed_at`,
      [examination.examinationId, examination.caseId, examination.kind, examination.performedAt],
    );
  }

  async conferencesOf(manager: EntityManager, caseId: string): Promise<CaseConference[]> {
    const rows: { conference_id: string; kind: CaseConference['kind']; held_at: string; participants: CaseConference['participants'] }[] = await manager.query(
      `SELECT conference_id, kind, held_at::text, participants FROM case_conferences WHERE case_id = $1 ORDER BY held_at, conference_id`,
      [caseId],
    );
    return rows.map((r) => ({ conferenceId: r.conference_id, kind: r.kind, heldAt: r.held_at, participants: r.participants }));
  }

  async examinationsOf(manager: EntityManager, caseId: string): Promise<CaseExamination[]> {
    const rows: { examination_id: string; kind: CaseExamination['kind']; performed_at: string }[] = await manager.query(
      `SELECT examination_id, kind, performed_at::text FROM case_examinations WHERE case_id = $1 ORDER BY performed_at, examination_id`,
      [caseId],
    );
    return rows.map((r) => ({ examinationId: r.examination_id, kind: r.kind, performedAt: r.performed_at }));
  }
}
