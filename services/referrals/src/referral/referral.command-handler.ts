import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChildVault, childIdentityFromCpr } from '@sagsspor/child-identity';
import type { HouseCode } from '@sagsspor/contracts';
import { type Aggregate, CommandPipeline, type EventMetadata, type WriteFragment } from '@sagsspor/event-store';
import { type Clock, DomainError } from '@sagsspor/domain';
import { CLOCK, SERVICE_CONFIG, type ServiceConfig } from '@sagsspor/platform';
import { findMunicipality } from '@sagsspor/reference-data';
import { SendToMandatoryReferralWatch } from '../mandatory-referral-watch/send-to-mandatory-referral-watch';
import { watchOnReferral } from '../mandatory-referral-watch/mandatory-referral-watch.workflow';
import { underretningDecider } from '../underretning/underretning.decider';
import { underretningStreamId } from '../underretning/underretning.events';
import { ReferralRegister } from './referral-register';
import type { AcceptReferral, LinkedUnderretning, ReferralCommand, RejectReferral, WithdrawReferral } from './referral.commands';
import { referralDecider, type ReferralState } from './referral.decider';
import { type ReferralEvent, type ReferralFacts, referralStreamId } from './referral.events';
import { type ReferralResponse, referralResponseOf } from './referral.response.dto';

/**
 * The case id a referral's acceptance opens: derived from the referral id, so a retried acceptance
 * (with or without an Idempotency-Key) is the same command and names the same case.
 */
export function caseIdForReferral(referralId: string): string {
  const h = createHash('sha256').update(`sagsspor-case:${referralId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type Referral = Exclude<ReferralState, { status: 'none' }>;

/** Who owns a referral: the caller's tenant check (404 for another tenant's) runs on it before anything is decided. */
export type ReferralOwnerCheck = (owner: { municipalityCode: string; houseCode: string }) => void;

/** What the doors ask of a referral; the handler adds what is looked up (the pseudonym, the default house, the case id). */
export type ReferralRequest =
  | { type: 'SubmitReferral'; childCpr: string; data: Omit<ReferralFacts, 'childRef' | 'childBirthDate' | 'childSex' | 'houseCode'> & { houseCode?: HouseCode } }
  | { type: 'AcceptReferral'; data: Omit<AcceptReferral['data'], 'caseId'> }
  | RejectReferral
  | WithdrawReferral;

export class ExecuteReferralCommand extends Command<ReferralResponse> {
  constructor(
    readonly request: ReferralRequest,
    readonly context: { metadata: EventMetadata; idempotencyKey?: string; checkOwner?: ReferralOwnerCheck },
  ) {
    super();
  }
}

export const referralNotFound = (referralId: string) => new DomainError('REFERRAL.NOT_FOUND', `there is no referral ${referralId}`, 'not-found');

/**
 * The referral's command handler: submitted by a municipality, accepted, rejected or withdrawn. Its
 * reactions keep the referral register in step (in the command's write) and tell the child's
 * mandatory-referral watches of a submitted referral (under the child's lock, in the watch's handler).
 */
@CommandHandler(ExecuteReferralCommand)
export class ReferralCommandHandler implements ICommandHandler<ExecuteReferralCommand> {
  private readonly aggregate: Aggregate<ReferralState, ReferralCommand, ReferralEvent>;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly vault: ChildVault,
    register: ReferralRegister,
    commandBus: CommandBus,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.aggregate = { decider: referralDecider, reactions: [register, new SendToMandatoryReferralWatch(watchOnReferral, commandBus)] };
  }

  async execute({ request, context }: ExecuteReferralCommand): Promise<ReferralResponse> {
    const now = this.clock();
    if (request.type === 'SubmitReferral') {
      const { childCpr, data } = request;
      const child = childIdentityFromCpr(childCpr, this.config.childRefSecret);
      const facts: ReferralFacts = { ...data, ...child, houseCode: data.houseCode ?? (findMunicipality(data.municipalityCode)!.defaultHouse as HouseCode) };
      const linkedUnderretning = facts.underretningId === undefined ? undefined : await this.linkedUnderretning(facts.underretningId);
      const command: ReferralCommand = { type: 'SubmitReferral', data: facts, ...(linkedUnderretning ? { linkedUnderretning } : {}) };
      return this.run(command, now, context, [this.vault.storing(child.childRef, childCpr)]);
    }
    const { state } = await this.pipeline.readState(referralDecider, referralStreamId(request.data.referralId));
    if (state.status === 'none') throw referralNotFound(request.data.referralId);
    context.checkOwner?.(state.facts);
    const command: ReferralCommand = request.type === 'AcceptReferral' ? { type: 'AcceptReferral', data: { ...request.data, caseId: caseIdForReferral(request.data.referralId) } } : request;
    return this.run(command, now, context);
  }

  private async run(command: ReferralCommand, now: Date, context: ExecuteReferralCommand['context'], alsoWrite: WriteFragment[] = []): Promise<ReferralResponse> {
    const { response } = await this.pipeline.run(this.aggregate, referralStreamId(command.data.referralId), command, {
      now,
      metadata: context.metadata,
      idempotencyKey: context.idempotencyKey,
      alsoWrite,
      startsStream: command.type === 'SubmitReferral',
      respond: ({ state }) => {
        if (state.status === 'none') throw new Error('a referral command left no referral');
        return referralResponseOf(state);
      },
    });
    return response;
  }

  private async linkedUnderretning(underretningId: string): Promise<LinkedUnderretning | undefined> {
    const { state } = await this.pipeline.readState(underretningDecider, underretningStreamId(underretningId));
    return state.status === 'received' ? { childRef: state.facts.childRef, municipalityCode: state.facts.municipalityCode } : undefined;
  }
}
