import { type CaseEndReason, type CaseOutcome, providerOfService, type ServiceProvider, type ServiceRecipient } from '@sagsspor/contracts';
import { copenhagenDate, daysBetween, monthOf, yearOf } from '@sagsspor/calendar';
import { type Decider, DomainError } from '@sagsspor/domain';
import type { CaseCommand, CloseCase, CorrectClosure, EndReasonGiven, RecordPoliceRelease, RecordService } from './case.commands';
import { assignSite } from './case-site';
import type { CaseClosure, CaseEvent, CaseIntake, CaseRef, CaseSettlement, DeadlineStageReached, DeliveredService, Suspect } from './case.events';

export type OpenCaseStatus = 'opened' | 'in-assessment' | 'closing-memo-sent';
export type CaseStatus = OpenCaseStatus | 'closed' | 'settled';

export interface PoliceGate {
  /** Set while a police video interview of the child is pending: the gate is shut. */
  awaitingSince?: string;
  releasedAt?: string;
  releasedBy?: 'boernehus' | 'police';
  /** Past waits, each ended by a release: services to the child dated inside one are refused too. */
  heldPeriods: { since: string; until: string }[];
}

export interface ClosureCorrection {
  revision: number;
  reason: string;
  correctedOn: string;
}

export interface CaseFile {
  status: CaseStatus;
  intake: CaseIntake;
  police: PoliceGate;
  services: DeliveredService[];
  suspects: Suspect[];
  closingMemoSentAt?: string;
  /** Present once closed. */
  closure?: CaseClosure;
  corrections: ClosureCorrection[];
  /** The latest settlement; a corrected closure stays `closed` until it is settled again. */
  settlement?: CaseSettlement;
  deadlines: DeadlineStageReached[];
  /** The site the house put the case at; absent: the house's main site (ADR 0075). */
  siteCode?: string;
}

export type CaseState = { status: 'none' } | CaseFile;

/** Services the police release gate holds back: the house's own work that reaches the child. */
export function isHeldByPoliceGate(provider: ServiceProvider, recipient: ServiceRecipient): boolean {
  return provider === 'boernehus' && (recipient === 'child' || recipient === 'child-and-carer');
}

const refOf = (intake: CaseIntake): CaseRef => ({ caseId: intake.caseId, houseCode: intake.houseCode, municipalityCode: intake.municipalityCode });

export function isClosed(state: CaseState): state is CaseFile & { closure: CaseClosure } {
  return state.status === 'closed' || state.status === 'settled';
}

function evolve(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') {
    return { status: 'opened', intake: event.data, police: { heldPeriods: [] }, services: [], suspects: [], corrections: [], deadlines: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CaseSiteAssigned':
      return { ...state, siteCode: event.data.siteCode };
    case 'CaseAwaitingPoliceRelease':
      return { ...state, police: { ...state.police, awaitingSince: event.data.since } };
    case 'CasePoliceReleased': {
      const { awaitingSince, heldPeriods } = state.police;
      return {
        ...state,
        police: {
          heldPeriods: awaitingSince ? [...heldPeriods, { since: awaitingSince, until: event.data.releasedAt }] : heldPeriods,
          releasedAt: event.data.releasedAt,
          releasedBy: event.data.recordedBy,
        },
      };
    }
    case 'CaseServiceDelivered': {
      const { serviceId, kind, provider, recipient, deliveredAt } = event.data;
      const startsAssessment = state.status === 'opened' && isHeldByPoliceGate(provider, recipient);
      return { ...state, status: startsAssessment ? 'in-assessment' : state.status, services: [...state.services, { serviceId, kind, provider, recipient, deliveredAt }] };
    }
    case 'CaseSuspectRegistered': {
      const { suspectId, sex, relation, ageGroup } = event.data;
      return { ...state, suspects: [...state.suspects, { suspectId, sex, relation, ageGroup }] };
    }
    case 'CaseClosingMemoSent':
      return { ...state, status: isClosed(state) ? state.status : 'closing-memo-sent', closingMemoSentAt: event.data.sentAt };
    case 'CaseClosed':
    case 'CaseClosureCorrected': {
      const { closedAt, outcome, closingMemoSentAt, leadTimeDays, revision, endReason, endNote } = event.data;
      const corrections = event.type === 'CaseClosureCorrected' ? [...state.corrections, { revision, reason: event.data.reason, correctedOn: event.data.correctedOn }] : state.corrections;
      return {
        ...state,
        status: 'closed',
        closingMemoSentAt: closingMemoSentAt ?? state.closingMemoSentAt,
        closure: { closedAt, outcome, ...(closingMemoSentAt ? { closingMemoSentAt } : {}), leadTimeDays, revision, ...endReasonOf(outcome, endReason, endNote) },
        corrections,
      };
    }
    case 'CaseSettled': {
      const { outcome, closedAt, settlementMonth, tariffYear, amountDkk, revision } = event.data;
      return { ...state, status: 'settled', settlement: { outcome, closedAt, settlementMonth, tariffYear, amountDkk, revision } };
    }
    case 'CaseDeadlineReached': {
      const { clock, stage, dueDate, reachedAt } = event.data;
      return { ...state, deadlines: [...state.deadlines, { clock, stage, dueDate, reachedAt }] };
    }
  }
}

const noCase = () => new DomainError('CASE.NOT_FOUND', 'There is no such case.', 'not-found');

function requireCase(state: CaseState): CaseFile {
  if (state.status === 'none') throw noCase();
  return state;
}

function requireOpen(state: CaseState, what: string): CaseFile {
  const file = requireCase(state);
  if (isClosed(file)) {
    throw new DomainError('CASE.CLOSED', `The case was closed on ${file.closure.closedAt}: ${what} cannot be added to a closed case. A closed case accepts only closure corrections with a reason.`);
  }
  return file;
}

function notInFuture(field: string, date: string, today: string): void {
  if (date > today) throw new DomainError('CASE.DATE_IN_FUTURE', `${field} ${date} is in the future (today is ${today}).`, 'invalid');
}

function notBeforeOpening(code: string, field: string, date: string, intake: CaseIntake): void {
  if (date < intake.openedAt) throw new DomainError(code, `${field} ${date} is before the case was opened (${intake.openedAt}).`, 'invalid');
}

const sameJson = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

function recordService(command: RecordService, state: CaseState, today: string): CaseEvent[] {
  const file = requireCase(state);
  const { serviceId, kind, deliveredAt, recipient } = command.data;
  const service: DeliveredService = { serviceId, kind, provider: providerOfService[kind], recipient, deliveredAt };
  const existing = file.services.find((s) => s.serviceId === serviceId);
  if (existing) {
    if (sameJson(existing, service)) return [];
    throw new DomainError('CASE.SERVICE_ID_REUSED', `Service ${serviceId} is already recorded on this case with other content; use a new serviceId for another service.`);
  }
  requireOpen(file, 'services');
  notInFuture('deliveredAt', deliveredAt, today);
  notBeforeOpening('CASE.SERVICE_BEFORE_OPENING', 'deliveredAt', deliveredAt, file.intake);
  if (isHeldByPoliceGate(service.provider, recipient)) {
    const { awaitingSince, heldPeriods } = file.police;
    if (awaitingSince) {
      throw new DomainError(
        'CASE.AWAITING_POLICE_RELEASE',
        `The child has had a police video interview pending since ${awaitingSince}: the house may not work with the child until the police release it. ` +
          'The gate opens when the release is recorded (POST /v1/cases/{caseId}/police-release, or the police system reports it). Crisis support to carers or the network is allowed meanwhile.',
      );
    }
    const held = heldPeriods.find((p) => deliveredAt >= p.since && deliveredAt < p.until);
    if (held) {
      throw new DomainError(
        'CASE.AWAITING_POLICE_RELEASE',
        `On ${deliveredAt} the child was awaiting police release (pending since ${held.since}, released ${held.until}): the house may not have worked with the child that day.`,
      );
    }
  }
  return [{ type: 'CaseServiceDelivered', data: { ...refOf(file.intake), ...service } }];
}

function recordPoliceRelease(command: RecordPoliceRelease, state: CaseState, today: string): CaseEvent[] {
  const file = requireOpen(state, 'a police release');
  const { releasedAt } = command.data;
  notInFuture('releasedAt', releasedAt, today);
  const { awaitingSince, releasedAt: recorded } = file.police;
  if (awaitingSince && releasedAt < awaitingSince) {
    throw new DomainError('CASE.RELEASE_BEFORE_INTERVIEW', `releasedAt ${releasedAt} is before the police interview pending since ${awaitingSince}: a release ends a pending interview, so it cannot come before it.`, 'invalid');
  }
  if (!awaitingSince && recorded) {
    if (recorded === releasedAt) return [];
    throw new DomainError('CASE.ALREADY_RELEASED', `The release of the child was already recorded on ${recorded}, and no police interview is pending since.`);
  }
  return [{ type: 'CasePoliceReleased', data: { ...refOf(file.intake), releasedAt, recordedBy: 'boernehus' } }];
}

/** The checks closing and correcting share. */
function checkClosure(file: CaseFile, closedAt: string, outcome: string, closingMemoSentAt: string | undefined, today: string): void {
  notInFuture('closedAt', closedAt, today);
  notBeforeOpening('CASE.CLOSED_BEFORE_OPENING', 'closedAt', closedAt, file.intake);
  const lastService = file.services.reduce<string | undefined>((last, s) => (!last || s.deliveredAt > last ? s.deliveredAt : last), undefined);
  if (lastService && lastService > closedAt) {
    throw new DomainError('CASE.CLOSED_BEFORE_LAST_SERVICE', `closedAt ${closedAt} is before the last service delivered in the case (${lastService}).`, 'invalid');
  }
  if (closingMemoSentAt && closingMemoSentAt > closedAt) {
    throw new DomainError('CASE.MEMO_AFTER_CLOSING', `The closing memo was sent on ${closingMemoSentAt}, after closedAt ${closedAt}.`, 'invalid');
  }
  if (outcome === 'completed' && !closingMemoSentAt) {
    throw new DomainError('CASE.CLOSING_MEMO_MISSING', 'A completed case has a closing memo: send it first (POST /v1/cases/{caseId}/closing-memo) or give closingMemoSentAt.', 'invalid');
  }
}

/**
 * The end reason a closing keeps (ADR 0074): for an interrupted or withdrawn case the reason and the
 * note given, if any (no reason reads as `not-given`); nothing for a completed case.
 */
function endReasonOf(outcome: CaseOutcome, endReason: CaseEndReason | undefined, endNote: string | undefined): Pick<CaseClosure, 'endReason' | 'endNote'> {
  if (outcome === 'completed') return {};
  return { ...(endReason === undefined ? {} : { endReason }), ...(endNote === undefined ? {} : { endNote }) };
}

/** Only a case that ended before it was completed has an end reason: 422 naming the field otherwise. */
function checkEndReason(outcome: CaseOutcome, { endReason, endNote }: EndReasonGiven): void {
  if (outcome !== 'completed') return;
  const field = endReason !== undefined ? 'endReason' : endNote !== undefined ? 'endNote' : undefined;
  if (field) throw new DomainError('CASE.END_REASON_FOR_COMPLETED', `${field}: only an interrupted or withdrawn case has an end reason; this one is completed.`, 'invalid');
}

function closeCase(command: CloseCase, state: CaseState, today: string): CaseEvent[] {
  const file = requireCase(state);
  if (isClosed(file)) {
    // The same closing again is a retry (a client that lost the answer): nothing happens.
    const { closedAt, outcome, closingMemoSentAt, endReason, endNote } = command.data;
    const memo = file.closure.closingMemoSentAt ?? file.closingMemoSentAt;
    const sameEnd = (endReason === undefined || endReason === (file.closure.endReason ?? 'not-given')) && (endNote === undefined || endNote === file.closure.endNote);
    if (closedAt === file.closure.closedAt && outcome === file.closure.outcome && (closingMemoSentAt === undefined || closingMemoSentAt === memo) && sameEnd) return [];
    throw new DomainError(
      'CASE.ALREADY_CLOSED',
      `The case was already closed on ${file.closure.closedAt} (${file.closure.outcome}). To change the closing, send a correction with a reason (POST /v1/cases/{caseId}/closure-corrections).`,
    );
  }
  const { closedAt, outcome, closingMemoSentAt: memoInBody, endReason, endNote } = command.data;
  checkEndReason(outcome, command.data);
  const recordedMemo = file.closingMemoSentAt;
  if (memoInBody && recordedMemo && memoInBody !== recordedMemo) {
    throw new DomainError('CASE.CLOSING_MEMO_ALREADY_SENT', `The closing memo was recorded as sent on ${recordedMemo}, not ${memoInBody}.`);
  }
  if (memoInBody && !recordedMemo) notBeforeOpening('CASE.MEMO_BEFORE_OPENING', 'closingMemoSentAt', memoInBody, file.intake);
  const closingMemoSentAt = recordedMemo ?? memoInBody;
  checkClosure(file, closedAt, outcome, closingMemoSentAt, today);
  const memoEvents: CaseEvent[] = memoInBody && !recordedMemo ? [{ type: 'CaseClosingMemoSent', data: { ...refOf(file.intake), sentAt: memoInBody } }] : [];
  const closure: CaseClosure = {
    closedAt,
    outcome,
    ...(closingMemoSentAt ? { closingMemoSentAt } : {}),
    leadTimeDays: daysBetween(file.intake.openedAt, closedAt),
    revision: 1,
    ...endReasonOf(outcome, endReason, endNote),
  };
  return [...memoEvents, { type: 'CaseClosed', data: { ...file.intake, ...closure } }];
}

function correctClosure(command: CorrectClosure, state: CaseState, today: string): CaseEvent[] {
  const file = requireCase(state);
  if (!isClosed(file)) throw new DomainError('CASE.NOT_CLOSED', 'The case is not closed: only a closed case can have its closing corrected.');
  const { closedAt: newClosedAt, outcome: newOutcome, reason, endReason: newEndReason, endNote: newEndNote } = command.data;
  if (newClosedAt === undefined && newOutcome === undefined && newEndReason === undefined && newEndNote === undefined) {
    throw new DomainError('CASE.NOTHING_TO_CORRECT', 'A correction names a new closedAt, a new outcome, a new endReason or endNote, or several.', 'invalid');
  }
  if (reason.trim().length === 0) throw new DomainError('CASE.REASON_MISSING', 'A correction of a closed case needs a reason.', 'invalid');
  const closedAt = newClosedAt ?? file.closure.closedAt;
  const outcome = newOutcome ?? file.closure.outcome;
  checkEndReason(outcome, command.data);
  // The end reason and note carry over unless the correction gives new ones; a completed case has none.
  const end = endReasonOf(outcome, newEndReason ?? file.closure.endReason, newEndNote ?? file.closure.endNote);
  if (closedAt === file.closure.closedAt && outcome === file.closure.outcome && end.endReason === file.closure.endReason && end.endNote === file.closure.endNote) return [];
  const { closingMemoSentAt } = file.closure;
  checkClosure(file, closedAt, outcome, closingMemoSentAt, today);
  const closure: CaseClosure = {
    closedAt,
    outcome,
    ...(closingMemoSentAt ? { closingMemoSentAt } : {}),
    leadTimeDays: daysBetween(file.intake.openedAt, closedAt),
    revision: file.closure.revision + 1,
    ...end,
  };
  return [{ type: 'CaseClosureCorrected', data: { ...file.intake, ...closure, reason: reason.trim(), correctedOn: today } }];
}

function decide(command: CaseCommand, state: CaseState, { now }: { now: Date }): CaseEvent[] {
  const today = copenhagenDate(now);
  switch (command.type) {
    case 'OpenCase': {
      if (state.status === 'none') {
        const since = command.policeInterviewPendingSince;
        const awaiting: CaseEvent[] = since ? [{ type: 'CaseAwaitingPoliceRelease', data: { ...refOf(command.data), since } }] : [];
        return [{ type: 'CaseOpened', data: command.data }, ...awaiting];
      }
      if (state.intake.referralId === command.data.referralId) return [];
      throw new DomainError('CASE.ALREADY_OPENED', `Case ${command.data.caseId} was opened from referral ${state.intake.referralId}, not ${command.data.referralId}.`);
    }
    case 'AssignSite':
      return assignSite(command.data.siteCode, command.sites ?? [], requireCase(state), refOf);
    case 'ApplyPoliceInterviewStatus': {
      if (state.status === 'none' || isClosed(state)) return [];
      const { pendingSince, releasedAt } = command.data;
      const { awaitingSince } = state.police;
      if (pendingSince) return pendingSince === awaitingSince ? [] : [{ type: 'CaseAwaitingPoliceRelease', data: { ...refOf(state.intake), since: pendingSince } }];
      if (awaitingSince && releasedAt) return [{ type: 'CasePoliceReleased', data: { ...refOf(state.intake), releasedAt, recordedBy: 'police' } }];
      return [];
    }
    case 'RecordPoliceRelease':
      return recordPoliceRelease(command, state, today);
    case 'RecordService':
      return recordService(command, state, today);
    case 'RegisterSuspect': {
      const file = requireCase(state);
      const suspect: Suspect = command.data;
      const existing = file.suspects.find((s) => s.suspectId === suspect.suspectId);
      if (existing) {
        if (sameJson(existing, { suspectId: suspect.suspectId, sex: suspect.sex, relation: suspect.relation, ageGroup: suspect.ageGroup })) return [];
        throw new DomainError('CASE.SUSPECT_ID_REUSED', `Suspect ${suspect.suspectId} is already registered on this case with other content; use a new suspectId for another suspect.`);
      }
      requireOpen(file, 'suspects');
      return [{ type: 'CaseSuspectRegistered', data: { ...refOf(file.intake), suspectId: suspect.suspectId, sex: suspect.sex, relation: suspect.relation, ageGroup: suspect.ageGroup } }];
    }
    case 'SendClosingMemo': {
      const file = requireOpen(state, 'a closing memo');
      const { sentAt } = command.data;
      if (file.closingMemoSentAt) {
        if (file.closingMemoSentAt === sentAt) return [];
        throw new DomainError('CASE.CLOSING_MEMO_ALREADY_SENT', `The closing memo was already recorded as sent on ${file.closingMemoSentAt}.`);
      }
      notInFuture('sentAt', sentAt, today);
      notBeforeOpening('CASE.MEMO_BEFORE_OPENING', 'sentAt', sentAt, file.intake);
      return [{ type: 'CaseClosingMemoSent', data: { ...refOf(file.intake), sentAt } }];
    }
    case 'CloseCase':
      return closeCase(command, state, today);
    case 'CorrectClosure':
      return correctClosure(command, state, today);
    case 'SettleCase': {
      const file = requireCase(state);
      if (!isClosed(file)) throw new DomainError('CASE.NOT_CLOSED', 'Only a closed case is settled.');
      if (file.status === 'settled') return [];
      const { closedAt, outcome } = file.closure;
      const { tariffYear, dkkPerCase } = command.data;
      if (tariffYear !== yearOf(closedAt)) {
        throw new DomainError('CASE.TARIFF_YEAR_MISMATCH', `A case closed on ${closedAt} is settled at the tariff of ${yearOf(closedAt)}, not ${tariffYear}.`, 'invalid');
      }
      // Interrupted and withdrawn cases pay the full tariff too (see docs/adr/0032).
      const settlement: CaseSettlement = { outcome, closedAt, settlementMonth: monthOf(closedAt), tariffYear, amountDkk: dkkPerCase, revision: (file.settlement?.revision ?? 0) + 1 };
      return [{ type: 'CaseSettled', data: { ...refOf(file.intake), ...settlement } }];
    }
    case 'ReachDeadline': {
      if (state.status === 'none' || isClosed(state)) return [];
      const { clock, stage } = command.data;
      if (state.deadlines.some((d) => d.clock === clock && d.stage === stage)) return [];
      return [{ type: 'CaseDeadlineReached', data: { ...refOf(state.intake), ...command.data } }];
    }
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

export const caseDecider: Decider<CaseState, CaseCommand, CaseEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve,
  decide,
};
