import { ConcurrencyConflictError } from '@sagsspor/event-store';
import type { DataSource, EntityManager } from 'typeorm';

const MAX_ATTEMPTS = 3;
const UNIQUE_VIOLATION = '23505';

/**
 * Another request committed first: to the same stream, under the same idempotency key, or a row with
 * the same unique id (a conferenceId). Deciding again sees what it wrote.
 */
function lostARace(error: unknown): boolean {
  if (error instanceof ConcurrencyConflictError) return true;
  const e = error as { code?: string; driverError?: { code?: string } };
  return (e?.driverError?.code ?? e?.code) === UNIQUE_VIOLATION;
}

/**
 * Runs `work` in the caller's transaction (a consumer's inbox transaction) or in a new one. A new one
 * is retried when it lost a race to a concurrent request, as PostgresEventStore.handle does for the
 * transactions it opens itself; events, vault rows and read rows then commit together or not at all.
 */
export async function inTransaction<T>(dataSource: DataSource, manager: EntityManager | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (manager) return work(manager);
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (!lostARace(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
