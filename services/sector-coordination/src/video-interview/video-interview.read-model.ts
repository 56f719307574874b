import { Injectable } from '@nestjs/common';
import { videoInterviewV1Fields } from '@sagsspor/contracts';
import { type CommandOutcome, type EventMetadata, type Reaction, type ReactionContext } from '@sagsspor/event-store';
import { decideAll, siteOrMain } from '@sagsspor/domain';
import { houseSites } from '@sagsspor/reference-data';
import { DataSource, type EntityManager } from 'typeorm';
import type { VideoInterviewState } from './video-interview.decider';
import type { VideoInterview, VideoInterviewEvent } from './video-interview.events';
import { type VideoInterviewRow, videoInterviewReadModelWorkflow } from './video-interview.read-model.workflow';

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
  /** Where the interview is: the site it was put at while that is a site of its house, else the house's main site (ADR 0076). */
  siteCode: string;
  revisions: VideoInterviewRevision[];
}

/** How a revision arrived, as the command handler put it in the events' metadata. */
export function receivedViaOf(metadata: EventMetadata): ReceivedVia {
  const { receivedVia } = metadata;
  if (receivedVia !== 'rest' && receivedVia !== 'kafka') throw new Error('a video interview command carries receivedVia in its metadata');
  return receivedVia;
}

/**
 * The `video_interviews` and `video_interview_revisions` tables: a reaction of the video interview
 * aggregate, so they are written in the same transaction as the events they follow from (a GET
 * right after a POST, or a consumed message, sees it). What to write is the workflow's
 * (video-interview.read-model.workflow.ts).
 */
@Injectable()
export class VideoInterviewReadModel implements Reaction<VideoInterviewState, VideoInterviewEvent> {
  constructor(private readonly dataSource: DataSource) {}

  async react({ newEvents, state }: CommandOutcome<VideoInterviewState, VideoInterviewEvent>, { manager, metadata }: ReactionContext): Promise<void> {
    const receivedVia = receivedViaOf(metadata);
    for (const row of decideAll(videoInterviewReadModelWorkflow, newEvents, state)) await this.keep(manager, row, receivedVia);
  }

  private async keep(manager: EntityManager, row: VideoInterviewRow, receivedVia: ReceivedVia): Promise<void> {
    switch (row.type) {
      case 'KeepRevision': {
        const { interview, changedFields } = row;
        await manager.query(
          `INSERT INTO video_interviews (interview_id, house_code, municipality_code, revision, interview, police_district) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
           ON CONFLICT (police_district, interview_id) DO UPDATE SET house_code = excluded.house_code, municipality_code = excluded.municipality_code,
             revision = excluded.revision, interview = excluded.interview, updated_at = now()
           WHERE video_interviews.revision < excluded.revision`,
          [interview.interviewId, interview.houseCode, interview.municipalityCode, interview.revision, JSON.stringify(interview), interview.policeDistrict],
        );
        await manager.query(
          `INSERT INTO video_interview_revisions (interview_id, revision, changed_fields, received_via, interview, police_district) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
           ON CONFLICT DO NOTHING`,
          [interview.interviewId, interview.revision, changedFields, receivedVia, JSON.stringify(interview), interview.policeDistrict],
        );
        break;
      }
      case 'KeepRelease':
        await manager.query(`UPDATE video_interviews SET released_at = $2, updated_at = now() WHERE police_district = $3 AND interview_id = $1`, [row.interviewId, row.releasedAt, row.policeDistrict]);
        break;
      case 'KeepSite':
        await manager.query(`UPDATE video_interviews SET site_code = $2, updated_at = now() WHERE police_district = $3 AND interview_id = $1`, [row.interviewId, row.siteCode, row.policeDistrict]);
        break;
    }
  }

  /** One district's interview (an interview id is unique within its district only, ADR 0095). */
  async find(policeDistrict: string, interviewId: string): Promise<VideoInterviewView | undefined> {
    const rows: { interview: VideoInterview; released_at: string | null; site_code: string | null }[] = await this.dataSource.query(
      `SELECT interview, released_at::text AS released_at, site_code FROM video_interviews WHERE police_district = $2 AND interview_id = $1`,
      [interviewId, policeDistrict],
    );
    if (rows.length === 0) return undefined;
    const revisions: { revision: number; changed_fields: string[]; received_via: ReceivedVia; recorded_at: Date; interview: VideoInterview }[] = await this.dataSource.query(
      `SELECT revision, changed_fields, received_via, recorded_at, interview FROM video_interview_revisions WHERE police_district = $2 AND interview_id = $1 ORDER BY revision`,
      [interviewId, policeDistrict],
    );
    return {
      interview: inFieldOrder(rows[0].interview),
      ...(rows[0].released_at ? { releasedAt: rows[0].released_at } : {}),
      siteCode: siteOrMain(houseSites, rows[0].interview.houseCode, rows[0].site_code),
      revisions: revisions.map((r) => ({ revision: r.revision, changedFields: r.changed_fields, receivedVia: r.received_via, recordedAt: r.recorded_at.toISOString(), interview: inFieldOrder(r.interview) })),
    };
  }
}
