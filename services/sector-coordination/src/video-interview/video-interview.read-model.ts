import { Injectable } from '@nestjs/common';
import { videoInterviewV1Fields } from '@sagsspor/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { VideoInterview, VideoInterviewEvent } from './video-interview.events';

/** How a revision reached the service. */
export type ReceivedVia = 'rest' | 'kafka';

export interface VideoInterviewRevision {
  revision: number;
  changedFields: string[];
  receivedVia: ReceivedVia;
  recordedAt: string;
  interview: VideoInterview;
}

/** The interview with its fields in the documented order, the contract's (jsonb keeps its own order). */
export function inFieldOrder(interview: VideoInterview): VideoInterview {
  return Object.fromEntries(videoInterviewV1Fields.filter((f) => interview[f] !== undefined).map((f) => [f, interview[f]])) as unknown as VideoInterview;
}

export interface VideoInterviewView {
  interview: VideoInterview;
  releasedAt?: string;
  revisions: VideoInterviewRevision[];
}

/**
 * The `video_interviews` and `video_interview_revisions` tables, written in the same transaction as
 * the events they follow from, so a GET right after a POST (or a consumed message) sees it.
 */
@Injectable()
export class VideoInterviewReadModel {
  constructor(private readonly dataSource: DataSource) {}

  async apply(manager: EntityManager, events: readonly VideoInterviewEvent[], receivedVia: ReceivedVia): Promise<void> {
    for (const event of events) {
      switch (event.type) {
        case 'VideoInterviewRecorded':
        case 'VideoInterviewCorrected': {
          const { changedFields = [], ...interview } = event.data as VideoInterview & { changedFields?: string[] };
          await manager.query(
            `INSERT INTO video_interviews (interview_id, house_code, municipality_code, revision, interview) VALUES ($1, $2, $3, $4, $5::jsonb)
             ON CONFLICT (interview_id) DO UPDATE SET house_code = excluded.house_code, municipality_code = excluded.municipality_code,
               revision = excluded.revision, interview = excluded.interview, updated_at = now()
             WHERE video_interviews.revision < excluded.revision`,
            [interview.interviewId, interview.houseCode, interview.municipalityCode, interview.revision, JSON.stringify(interview)],
          );
          await manager.query(
            `INSERT INTO video_interview_revisions (interview_id, revision, changed_fields, received_via, interview) VALUES ($1, $2, $3, $4, $5::jsonb)
             ON CONFLICT DO NOTHING`,
            [interview.interviewId, interview.revision, changedFields, receivedVia, JSON.stringify(interview)],
          );
          break;
        }
        case 'ChildReleasedByPolice':
          await manager.query(`UPDATE video_interviews SET released_at = $2, updated_at = now() WHERE interview_id = $1`, [event.data.interviewId, event.data.releasedAt]);
          break;
      }
    }
  }

  async find(interviewId: string): Promise<VideoInterviewView | undefined> {
    const rows: { interview: VideoInterview; released_at: string | null }[] = await this.dataSource.query(
      `SELECT interview, released_at::text AS released_at FROM video_interviews WHERE interview_id = $1`,
      [interviewId],
    );
    if (rows.length === 0) return undefined;
    const revisions: { revision: number; changed_fields: string[]; received_via: ReceivedVia; recorded_at: Date; interview: VideoInterview }[] = await this.dataSource.query(
      `SELECT revision, changed_fields, received_via, recorded_at, interview FROM video_interview_revisions WHERE interview_id = $1 ORDER BY revision`,
      [interviewId],
    );
    return {
      interview: inFieldOrder(rows[0].interview),
      ...(rows[0].released_at ? { releasedAt: rows[0].released_at } : {}),
      revisions: revisions.map((r) => ({ revision: r.revision, changedFields: r.changed_fields, receivedVia: r.received_via, recordedAt: r.recorded_at.toISOString(), interview: inFieldOrder(r.interview) })),
    };
  }
}
