import type { Clock } from '@sagsspor/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from './query-results';
import { failureOf, inUnitOfWork } from './unit-of-work';

/** The system clock: production's `Clock` (a test gives a controlled one). */
export const systemClock: Clock = () => new Date();

export interface ScheduledCommand<Payload = unknown> {
  /** Deterministic, so scheduling the same thing twice is one row (`case-<id>:lead-time-90:passed`). */
  id: string;
  dueAt: Date;
  /** Which handler runs it. */
  kind: string;
  payload: Payload;
}

export interface ScheduledCommandContext {
  /** The transaction the schedule row is marked fired in: do the effect with it. */
  manager: EntityManager;
  scheduleId: string;
  dueAt: Date;
  now: Date;
}

export type ScheduledCommandHandler = (payload: unknown, context: ScheduledCommandContext) => Promise<void>;

export interface FireOutcome {
  fired: number;
  failed: number;
}

type Row = { schedule_id: string; due_at: Date; kind: string; payload: unknown; attempts: number };

const MAX_ATTEMPTS = 5;

/**
 * Durable deadlines: a row per scheduled command, written in the same transaction as the events
 * that scheduled it, and fired (in its own transaction, with the effect) once its time has come,
 * by whichever service instance gets to it first. A restart loses nothing: what was due while the
 * service was down fires when it is back. Never an in-memory timer.
 */
export class CommandSchedule {
  constructor(private readonly dataSource: DataSource) {}

  /** Schedules (or moves, if not yet fired) a command. */
  async schedule(manager: EntityManager, command: ScheduledCommand): Promise<void> {
    await manager.query(
      `INSERT INTO scheduled_commands (schedule_id, due_at, kind, payload) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (schedule_id) DO UPDATE SET due_at = excluded.due_at, kind = excluded.kind, payload = excluded.payload
       WHERE scheduled_commands.fired_at IS NULL`,
      [command.id, command.dueAt, command.kind, JSON.stringify(command.payload)],
    );
  }

  /**
   * Cancels a command that has not fired yet; true if there was one. A command being fired at this
   * very moment (its row locked by a scheduler) is left to fire rather than waited for: waiting
   * could deadlock with the firing transaction when both write the same stream. Handlers therefore
   * check the state they act on (a deadline of a case closed meanwhile does nothing).
   */
  async cancel(manager: EntityManager, scheduleId: string): Promise<boolean> {
    const result = await manager.query(
      `DELETE FROM scheduled_commands WHERE schedule_id IN (
         SELECT schedule_id FROM scheduled_commands WHERE schedule_id = $1 AND fired_at IS NULL FOR UPDATE SKIP LOCKED)
       RETURNING schedule_id`,
      [scheduleId],
    );
    return returnedRows(result).length > 0;
  }

  /**
   * Fires every command due at `now`, oldest first, each in its own transaction with its effect.
   * A handler that fails is retried later with a growing delay (5 attempts, then parked with its error).
   */
  async fireDue(now: Date, handlers: Record<string, ScheduledCommandHandler>, limit = 500): Promise<FireOutcome> {
    const outcome: FireOutcome = { fired: 0, failed: 0 };
    for (let i = 0; i < limit; i++) {
      const result = await this.fireOne(now, handlers);
      if (result === 'none') break;
      outcome[result === 'fired' ? 'fired' : 'failed']++;
    }
    return outcome;
  }

  /** How many commands are due and not fired (parked ones included): for metrics and readiness. */
  async overdueCount(now: Date): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM scheduled_commands WHERE fired_at IS NULL AND due_at <= $1`, [now]);
    return row.n;
  }

  /**
   * Fires the oldest due command with its effect in one unit of work (a lost race runs it again,
   * RETRY_POLICY). If it fails otherwise, a second transaction counts the attempt and moves it back
   * (10 s, 40 s, 90 s, ...) so it does not hold up the others. The database being away is thrown:
   * the scheduler's loop tries again at its next tick, and nothing was written.
   */
  private async fireOne(now: Date, handlers: Record<string, ScheduledCommandHandler>): Promise<'fired' | 'failed' | 'none'> {
    let taken: Row | undefined;
    try {
      return await inUnitOfWork(this.dataSource, async (manager) => {
        const rows: Row[] = await manager.query(
          `SELECT schedule_id, due_at, kind, payload, attempts FROM scheduled_commands
            WHERE fired_at IS NULL AND due_at <= $1 AND attempts < $2
            ORDER BY due_at, schedule_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [now, MAX_ATTEMPTS],
        );
        taken = rows[0];
        if (!taken) return 'none' as const;
        const handler = handlers[taken.kind];
        if (!handler) throw new Error(`no handler for scheduled commands of kind '${taken.kind}'`);
        // Marked fired before its effect runs, in the same transaction: a reaction of the effect that
        // cancels this very deadline (the watch answered as it fires) finds nothing left to cancel.
        await manager.query(`UPDATE scheduled_commands SET fired_at = $2, attempts = attempts + 1 WHERE schedule_id = $1`, [taken.schedule_id, now]);
        await handler(taken.payload, { manager, scheduleId: taken.schedule_id, dueAt: taken.due_at, now });
        return 'fired' as const;
      });
    } catch (error) {
      if (!taken || failureOf(error) === 'unavailable') throw error;
      const retryAt = new Date(now.getTime() + 10_000 * (taken.attempts + 1) ** 2);
      await this.dataSource.query(`UPDATE scheduled_commands SET attempts = attempts + 1, last_error = $2, due_at = $3 WHERE schedule_id = $1 AND fired_at IS NULL`, [
        taken.schedule_id,
        String((error as Error).message).slice(0, 2000),
        retryAt,
      ]);
      this.onFailure?.(taken.schedule_id, error as Error);
      return 'failed';
    }
  }

  /** Told about each failed attempt (logging). */
  onFailure?: (scheduleId: string, error: Error) => void;
}

/** Polls a CommandSchedule with a clock: starts on service start, stops cleanly. */
export class CommandScheduler {
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly schedule: CommandSchedule,
    private readonly handlers: Record<string, ScheduledCommandHandler>,
    private readonly clock: Clock,
    private readonly intervalMs = 1000,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.schedule.fireDue(this.clock(), this.handlers);
        } catch (error) {
          this.onError(error as Error);
        }
        await new Promise((r) => setTimeout(r, this.intervalMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
