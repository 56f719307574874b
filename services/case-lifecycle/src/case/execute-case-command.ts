import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '@sagsspor/event-store';
import type { EntityManager } from 'typeorm';
import type { SettleClosedCase } from '../settlement/settlement.workflow';
import type { CaseCommand } from './case.commands';

/** The tenant of a case as the case list knows it. */
export type CaseTenant = { houseCode: string; municipalityCode: string };

/**
 * What the case's command handler is asked to do: a command of the case's decider, or a closed
 * case to settle at the tariff in force (`SettleClosedCase`), which the handler turns into
 * `SettleCase` once it has looked the tariff up.
 */
export type CaseRequest = CaseCommand | SettleClosedCase;

/** Where a case command came from (a consumed event, a request, a deadline): tracing and audit. */
export type CaseCommandMetadata = EventMetadata;

export interface CaseCommandOptions {
  metadata?: EventMetadata;
  idempotencyKey?: string;
  /** Run inside this transaction (the inbox's, the scheduler's, or another command's). */
  manager?: EntityManager;
  /**
   * The caller's access check on the case's tenant (undefined: no such case), run in the unit of
   * work before anything is decided or written: throw to refuse.
   */
  checkTenant?: (tenant: CaseTenant | undefined) => void;
}

export interface CaseCommandResult {
  replayed: boolean;
  appended: number;
}

/**
 * The case's one bus command, from every adapter (HTTP, Kafka, the scheduler, a reaction), handled
 * by CaseCommandHandler (case.command-handler.ts). Kept in a file of its own so that the reactions
 * the handler runs can send it without importing the handler.
 */
export class ExecuteCaseCommand extends Command<CaseCommandResult> {
  constructor(
    readonly caseId: string,
    readonly command: CaseRequest,
    readonly options: CaseCommandOptions = {},
  ) {
    super();
  }
}
