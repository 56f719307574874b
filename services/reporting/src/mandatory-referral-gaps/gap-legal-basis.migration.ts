import { barnetsLovInForceFrom } from '@sagsspor/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gaps read model gains `legal_basis` (mandatory-referral-gap-opened.v2, ADR 0013), in every
 * generation of the facts projection that exists (the live one, and one a rebuild is filling). A
 * database created now has it from the table definition already. The rows projected before are
 * filled by the rule the v1 → v2 upgrade applies (the law in force on criteria_met_at), with its
 * own constant, so they equal what a rebuild would write.
 */
export class GapLegalBasis1765100000000 implements MigrationInterface {
  name = 'GapLegalBasis1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const schemas: { schema: string }[] = await q.query(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'mandatory_referral_gaps' AND table_schema ~ '^rm_facts_g[0-9]+$' ORDER BY 1`,
    );
    for (const { schema } of schemas) {
      await q.query(`ALTER TABLE "${schema}".mandatory_referral_gaps ADD COLUMN IF NOT EXISTS legal_basis text`);
      await q.query(
        `UPDATE "${schema}".mandatory_referral_gaps SET legal_basis = CASE WHEN criteria_met_at < $1::date THEN 'serviceloven-50b' ELSE 'barnets-lov-125' END
          WHERE legal_basis IS NULL AND criteria_met_at IS NOT NULL`,
        [barnetsLovInForceFrom],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const schemas: { schema: string }[] = await q.query(`SELECT table_schema AS schema FROM information_schema.columns WHERE table_name = 'mandatory_referral_gaps' AND column_name = 'legal_basis' AND table_schema ~ '^rm_facts_g[0-9]+$'`);
    for (const { schema } of schemas) await q.query(`ALTER TABLE "${schema}".mandatory_referral_gaps DROP COLUMN legal_basis`);
  }
}
