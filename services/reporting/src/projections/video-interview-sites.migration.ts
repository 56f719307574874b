import type { MigrationInterface, QueryRunner } from 'typeorm';
import { videoInterviewSitesTable } from './domain/facts.tables';
import { addToEveryFactsGeneration, dropFromEveryFactsGeneration } from './new-facts-table';

/**
 * ADR 0076: the facts projection holds where each police video interview is
 * (`video_interview_sites`, from video-interview-site-assigned.v1). A generation that exists
 * without the table gains it empty: no event before this release put an interview at a site, so an
 * empty table is the projection of the history (every interview at its house's main site). A
 * rebuild fills it from the topic like every facts table.
 */
export class ReportingVideoInterviewSites1765400007600 implements MigrationInterface {
  name = 'ReportingVideoInterviewSites1765400007600';

  async up(q: QueryRunner): Promise<void> {
    await addToEveryFactsGeneration(q, videoInterviewSitesTable);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropFromEveryFactsGeneration(q, videoInterviewSitesTable);
  }
}
