import { ConcurrencyConflictError } from '@sagsspor/event-store';
import type { DataSource, EntityManager } from 'typeorm';

const MAX_ATTEMPTS = 3;

const DEADLOCK_DETECTED = '40P01';

/** A concurrent writer got there first: the whole unit of work may run again on fresh state. */
function isRetriable(error: unknown): boolean {
  if (error instanceof ConcurrencyConflictError) return true;
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  // A deadline firing takes its schedule row, then the child's lock; a request cancelling that
  // deadline takes them the other way round. PostgreSQL breaks such a deadlock by failing one side:
  // the request runs again, a failed firing is retried by the schedule.
  if (code === DEADLOCK_DETECTED) return true;
  // Two retries of one request racing for the same idempotency key: the loser replays the winner's answer.
  return code === '23505' && (e?.constraint ?? e?.driverError?.constraint) === 'command_idempotency_pkey';
}

/**
 * Runs work that spans several streams, the CPR vault and the read tables in one transaction, and
 * runs it again (a few times) when a concurrent writer got there first.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (!isRetriable(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * Serialises, per child, the transactions that decide the mandatory-referral watch (criteria met,
 * referral submitted, deadline fired), so none of them misses what another is writing. Held until
 * the transaction ends.
 */
export async function lockChild(manager: EntityManager, childRef: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`sagsspor-child:${childRef}`]);
}
