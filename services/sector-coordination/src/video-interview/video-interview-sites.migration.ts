import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0076: the site an interview was put at (`VideoInterviewSiteAssigned`), kept on its row of
 * `video_interviews`. Empty for every interview recorded before: none was put at a site, so each is
 * at its house's main site, which is what an empty column means.
 */
export class VideoInterviewSites1765400007600 implements MigrationInterface {
  name = 'VideoInterviewSites1765400007600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE video_interviews ADD COLUMN site_code text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE video_interviews DROP COLUMN site_code`);
  }
}
