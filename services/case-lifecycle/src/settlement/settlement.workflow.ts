import { yearOf } from '@sagsspor/calendar';
import { DomainError, type Workflow } from '@sagsspor/domain';
import type { SettleCase } from '../case/case.commands';
import type { CaseState } from '../case/case.decider';
import type { CaseEvent } from '../case/case.events';

/** The durable scheduled command that settles a closed case once its tariff is put (payload `{ caseId }`). */
export const SETTLE_CLOSED_CASE = 'settle-closed-case';

/**
 * Settle a closed case at the tariff in force: a request to the case's command handler, which looks
 * the tariff up and sends `SettleCase` (or nothing, or a refusal: see `settleCaseAt`).
 */
export type SettleClosedCase = { type: 'SettleClosedCase' };

/** A closed case waiting to be settled: at its house's tariff for the year of its closing. */
export interface TariffNeeded {
  caseId: string;
  houseCode: string;
  tariffYear: number;
  /** The month the case was settled in before its closing was corrected, if it was settled. */
  settledIn?: string;
}

/** What a case in this state needs to be settled: only a `closed` case (not settled since its latest closing) needs one. */
export function tariffNeeded(state: CaseState): TariffNeeded | undefined {
  if (state.status !== 'closed' || !state.closure) return undefined;
  const { caseId, houseCode } = state.intake;
  return { caseId, houseCode, tariffYear: yearOf(state.closure.closedAt), ...(state.settlement ? { settledIn: state.settlement.settlementMonth } : {}) };
}

/**
 * Closing (or correcting the closing of) a case settles it at the house's tariff for the year of
 * its closing date (docs/adr/0032). The outputs are requests to settle this case; the command
 * handler looks the tariff up.
 */
export const settlementWorkflow: Workflow<CaseState, CaseEvent, { caseId: string; command: SettleClosedCase }> = {
  decide(event, state) {
    if (event.type !== 'CaseClosed' && event.type !== 'CaseClosureCorrected') return [];
    const needed = tariffNeeded(state);
    return needed ? [{ caseId: needed.caseId, command: { type: 'SettleClosedCase' } }] : [];
  },
};

/**
 * The settlement of a case that needs one, given the tariff found (undefined: none is set). Without
 * a tariff for that year the case stays `closed` until the tariff is put (which settles it then),
 * except a case that was settled already: moving it into a year without a tariff is refused, so
 * that a settled case never silently drops out of the statements.
 */
export function settleCaseAt(needed: TariffNeeded, dkkPerCase: number | undefined): SettleCase | undefined {
  const { tariffYear, houseCode, settledIn } = needed;
  if (dkkPerCase !== undefined) return { type: 'SettleCase', data: { tariffYear, dkkPerCase } };
  if (settledIn) {
    throw new DomainError(
      'CASE.NO_TARIFF_FOR_YEAR',
      `The case is settled in ${settledIn}. Closed in ${tariffYear}, it would be settled again at the ${tariffYear} tariff of ${houseCode}, which is not set yet: put that tariff first (PUT /v1/reference/tariffs/${tariffYear}).`,
    );
  }
  return undefined;
}
