import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { caseClocks, deadlineStages } from '@sagsspor/contracts';
import { copenhagenDate } from '@sagsspor/calendar';
import type { Clock } from '@sagsspor/domain';
import { CommandSchedule, ConcurrencyConflictError, type EventMetadata, type HandleOptions, PostgresEventStore } from '@sagsspor/event-store';
import { CLOCK } from '@sagsspor/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { caseListRow } from '../case-list/case-list.projection';
import { CaseListRepository } from '../case-list/case-list.repository';
import { PoliceInterviewFactsRepository } from '../police-interviews/police-interview-facts.repository';
import { PoliceGateSync } from '../police-interviews/police-gate.sync';
import { SettlementsRepository } from '../settlement/settlements.repository';
import { CASE_LIFECYCLE_SETTINGS, type CaseLifecycleSettings } from '../settings';
import type { CaseCommand } from './case.commands';
import { type CaseFile, caseDecider, type CaseState } from './case.decider';
import { type CaseEvent, type CaseIntake, caseStreamId } from './case.events';
import { deadlineScheduleId, plannedDeadlineStages } from './domain/deadlines';
import { CASE_DEADLINE, type CaseCommandOptions, type CaseCommandResult, ExecuteCaseCommand, SettleClosedCase } from './execute-case-command';

const MAX_ATTEMPTS = 5;

/**
 * Worth another try in a fresh transaction: another writer appended to the stream first (a
 * deadline firing while the house closes the case), the same Idempotency-Key raced in, or
 * PostgreSQL broke a deadlock or a serialization conflict.
 */
function isRetriable(error: unknown): boolean {
  if (error instanceof ConcurrencyConflictError) return true;
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.driverError?.code ?? e?.code;
  const constraint = e?.driverError?.constraint ?? e?.constraint;
  return (code === '23505' && constraint === 'command_idempotency_pkey') || code === '40P01' || code === '40001';
}

const backOff = (attempt: number) => new Promise((r) => setTimeout(r, attempt * (10 + Math.random() * 40)));

/**
 * Decides a case command and, in the same transaction, does what its events call for: the case
 * list row, the child's open cases, the deadline schedule, the settlement and the settlements
 * table. Nothing here survives only in memory.
 */
@CommandHandler(ExecuteCaseCommand)
export class CaseCommandHandler implements ICommandHandler<ExecuteCaseCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: PostgresEventStore,
    private readonly schedule: CommandSchedule,
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASE_LIFECYCLE_SETTINGS) private readonly settings: CaseLifecycleSettings,
    private readonly caseList: CaseListRepository,
    private readonly policeInterviews: PoliceInterviewFactsRepository,
    private readonly policeGate: PoliceGateSync,
    private readonly settlements: SettlementsRepository,
  ) {}

  async execute({ caseId, command, options }: ExecuteCaseCommand): Promise<CaseCommandResult> {
    if (options.manager) return this.run(options.manager, caseId, command, options);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.run(manager, caseId, command, options));
      } catch (error) {
        if (!isRetriable(error) || attempt >= MAX_ATTEMPTS) throw error;
        await backOff(attempt);
      }
    }
  }

  private async run(manager: EntityManager, caseId: string, command: CaseCommand, options: CaseCommandOptions): Promise<CaseCommandResult> {
    const now = this.clock();
    if (command.type === 'RecordPoliceRelease') {
      // The release becomes a fact about the child: take the child's lock before the stream, in the order the consumer takes them.
      const childRef = await this.policeInterviews.childOfOpenCase(manager, caseId);
      if (childRef) await this.policeInterviews.lockChild(manager, childRef);
    }
    let decided: { state: CaseFile; events: CaseEvent[] } | undefined;
    const result = await this.handleWithRetries(manager, caseId, command, {
      manager,
      now,
      metadata: options.metadata,
      idempotencyKey: options.idempotencyKey,
      respond: ({ state, newEvents }) => {
        if (state.status !== 'none' && newEvents.length > 0) decided = { state, events: newEvents };
        return { caseId };
      },
    });
    if (decided) await this.react(manager, decided.state, decided.events, now, options.metadata);
    return { replayed: result.replayed, appended: result.appended };
  }

  /**
   * A conflicting append is rolled back to its savepoint, so the transaction (perhaps the inbox's)
   * stays usable: read the stream again and decide again, in the same transaction.
   */
  private async handleWithRetries(manager: EntityManager, caseId: string, command: CaseCommand, options: HandleOptions<CaseState, CaseEvent, { caseId: string }>) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.eventStore.handle(caseDecider, caseStreamId(caseId), command, { ...options, manager });
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= MAX_ATTEMPTS) throw error;
        await backOff(attempt);
      }
    }
  }

  private async react(manager: EntityManager, file: CaseFile, events: CaseEvent[], now: Date, metadata?: EventMetadata): Promise<void> {
    const { caseId, childRef } = file.intake;
    await this.caseList.upsert(manager, caseListRow(file));
    for (const event of events) {
      switch (event.type) {
        case 'CaseOpened':
          await this.policeInterviews.caseOpened(manager, childRef, caseId);
          await this.scheduleDeadlines(manager, file.intake, now);
          break;
        case 'CasePoliceReleased':
          // The house's word on the release is a fact about the child: it also covers the child's other open cases.
          if (event.data.recordedBy === 'boernehus') {
            await this.policeInterviews.lockChild(manager, childRef);
            await this.policeInterviews.record(manager, childRef, 'release', `case:${caseId}`, event.data.releasedAt);
            await this.policeGate.applyToOpenCases(manager, childRef, metadata);
          }
          break;
        case 'CaseClosed':
          await this.policeInterviews.caseClosed(manager, childRef, caseId);
          for (const clock of caseClocks) for (const stage of deadlineStages) await this.schedule.cancel(manager, deadlineScheduleId(caseId, clock, stage));
          await this.commandBus.execute(new SettleClosedCase(caseId, { manager, metadata }));
          break;
        case 'CaseClosureCorrected':
          await this.commandBus.execute(new SettleClosedCase(caseId, { manager, metadata }));
          break;
        case 'CaseSettled':
          await this.settlements.record(manager, event.data);
          break;
        default:
          break;
      }
    }
  }

  private async scheduleDeadlines(manager: EntityManager, intake: CaseIntake, now: Date): Promise<void> {
    for (const planned of plannedDeadlineStages(intake, this.settings.deadlineWarningDays, copenhagenDate(now))) {
      const { clock, stage, dueDate, reachedAt } = planned;
      await this.schedule.schedule(manager, {
        id: deadlineScheduleId(intake.caseId, clock, stage),
        dueAt: planned.firesAt,
        kind: CASE_DEADLINE,
        payload: { caseId: intake.caseId, clock, stage, dueDate, reachedAt },
      });
    }
  }
}
