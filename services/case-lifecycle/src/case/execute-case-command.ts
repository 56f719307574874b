import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '@sagsspor/event-store';
import type { EntityManager } from 'typeorm';
import type { CaseCommand } from './case.commands';

export const CASE_DEADLINE = 'case-deadline';
export const SETTLE_CLOSED_CASE = 'settle-closed-case';

export interface CaseCommandOptions {
  metadata?: EventMetadata;
  idempotencyKey?: string;
  /** Run inside this transaction (the inbox's, the scheduler's, or another command's). */
  manager?: EntityManager;
}

export interface CaseCommandResult {
  replayed: boolean;
  appended: number;
}

/** Any case command, from any adapter (HTTP, Kafka, the scheduler): one path through the event store. */
export class ExecuteCaseCommand extends Command<CaseCommandResult> {
  constructor(
    readonly caseId: string,
    readonly command: CaseCommand,
    readonly options: CaseCommandOptions = {},
  ) {
    super();
  }
}

/** Settles a closed case at its house's tariff for the year of its closing, if that tariff is set. */
export class SettleClosedCase extends Command<void> {
  constructor(
    readonly caseId: string,
    readonly options: { manager: EntityManager; metadata?: EventMetadata },
  ) {
    super();
  }
}
