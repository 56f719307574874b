import type { DataSource, EntityManager } from 'typeorm';
import { ConcurrencyConflictError } from './errors';

/**
 * The one retry policy of every write: HTTP commands, reactions, Kafka consumers and the deadline
 * scheduler all run their writes through `inUnitOfWork` and classify failures with `failureOf`.
 *
 * | failure       | what it is                                                            | who retries, how                     |
 * |---------------|-----------------------------------------------------------------------|--------------------------------------|
 * | `conflict`    | another transaction committed first: the same stream version, the same | the unit of work, at once, on fresh  |
 * |               | unique key, a serialization failure (40001) or a deadlock (40P01)     | state: `conflictAttempts` in all     |
 * | `unavailable` | PostgreSQL or the network is away (08, 53, 57P, socket errors)         | consumers and the scheduler: without |
 * |               |                                                                       | limit, `unavailableBackOffMs`; HTTP: |
 * |               |                                                                       | 503 with Retry-After                 |
 * | `other`       | a rule said no, a bad message, a bug                                  | nobody (consumers: dead letter)      |
 */
export const RETRY_POLICY = {
  /** Attempts in all for a unit of work that lost a race. */
  conflictAttempts: 5,
  /** Before attempt n+1 after a conflict: n × 10-50 ms, jittered so racing writers part. */
  conflictBackOffMs: (attempt: number) => attempt * (10 + Math.random() * 40),
  /** Before attempt n+1 while the infrastructure is away: 200 ms doubling, at most 5 s. */
  unavailableBackOffMs: (attempt: number) => Math.min(200 * 2 ** Math.min(attempt, 5), 5000),
  /** Attempts in all for a consumed message whose handler failed for another reason, before the DLQ. */
  otherAttempts: 3,
} as const;

export type Failure = 'conflict' | 'unavailable' | 'other';

/** SQLSTATE unique_violation. */
export const UNIQUE_VIOLATION = '23505';
const CONFLICT_STATES = new Set([UNIQUE_VIOLATION, '40001', '40P01']);
/** Connection exceptions, insufficient resources, operator intervention (admin shutdown, crash). */
const UNAVAILABLE_STATE = /^(08|53|57P)/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
// TypeORM releases a transaction's connection when PostgreSQL drops it; the transaction's next
// query then fails with QueryRunnerProviderAlreadyReleasedError (the transaction was rolled back).
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|connect ETIMEDOUT|Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect|query runner was already released/i;

type DatabaseError = { code?: string; constraint?: string; message?: string; name?: string; driverError?: { code?: string; constraint?: string } };

/** The SQLSTATE (or Node socket code) of an error; TypeORM keeps pg's error as `driverError`. */
export function sqlStateOf(error: unknown): string | undefined {
  const e = error as DatabaseError | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The constraint a unique violation names, if it is one. */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  if (sqlStateOf(error) !== UNIQUE_VIOLATION) return undefined;
  const e = error as DatabaseError;
  return e.driverError?.constraint ?? e.constraint ?? '';
}

export function failureOf(error: unknown): Failure {
  if (error instanceof ConcurrencyConflictError) return error.expectedByCaller ? 'other' : 'conflict';
  const state = sqlStateOf(error);
  if (state !== undefined && CONFLICT_STATES.has(state)) return 'conflict';
  if (state !== undefined && (UNAVAILABLE_STATE.test(state) || UNAVAILABLE_NODE_CODES.has(state))) return 'unavailable';
  const e = error as DatabaseError | undefined;
  if (e?.name === 'QueryRunnerProviderAlreadyReleasedError' || UNAVAILABLE_MESSAGE.test(e?.message ?? '')) return 'unavailable';
  return 'other';
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface UnitOfWorkOptions {
  /** Run inside this transaction instead: the caller's unit of work owns the retries. */
  manager?: EntityManager;
}

/**
 * Runs `work` in one transaction and commits it, or runs it again on fresh state when another
 * writer got there first (RETRY_POLICY). Everything `work` writes (events, idempotency,
 * registers, schedule, inbox) commits together or not at all. Inside a caller's transaction it
 * just runs: a conflict rolls the caller's whole unit of work back, and the caller retries it.
 */
export async function inUnitOfWork<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
  if (options.manager) return work(options.manager);
  return retryOnConflict(() => dataSource.transaction(work));
}

/** Runs `attempt` again (RETRY_POLICY) while it fails because another writer got there first. */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (failureOf(error) !== 'conflict' || n >= RETRY_POLICY.conflictAttempts) throw error;
      await sleep(RETRY_POLICY.conflictBackOffMs(n));
    }
  }
}
