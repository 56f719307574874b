import type { EntityManager } from 'typeorm';

/**
 * Serialises, per child, the transactions that decide the mandatory-referral watch (criteria met,
 * referral submitted, deadline fired), so none of them misses what another is writing. Held until
 * the transaction ends. A deadline firing takes its schedule row, then the child's lock; a request
 * cancelling that deadline takes them the other way round: PostgreSQL breaks such a deadlock by
 * failing one side, and the unit of work runs it again (RETRY_POLICY, libs/event-store).
 */
export async function lockChild(manager: EntityManager, childRef: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`sagsspor-child:${childRef}`]);
}
