import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { PostgresEventStore } from '@sagsspor/event-store';
import { ReferralRegister, type ReferralListFilter, type ReferralListItem } from './referral-register';
import type { TenantScope } from '@sagsspor/platform';
import { findReferral } from './referral.command-handler';
import { type ReferralResponse, referralResponseOf } from './referral.response.dto';

/** One referral, as its owner sees it (another tenant's is not found). */
export class GetReferral extends Query<ReferralResponse> {
  constructor(
    readonly referralId: string,
    readonly scope: TenantScope,
  ) {
    super();
  }
}

/** A page of the referral register. */
export class ListReferrals extends Query<ReferralListItem[]> {
  constructor(readonly filter: ReferralListFilter) {
    super();
  }
}

@QueryHandler(GetReferral)
export class GetReferralHandler implements IQueryHandler<GetReferral> {
  constructor(private readonly eventStore: PostgresEventStore) {}

  async execute({ referralId, scope }: GetReferral): Promise<ReferralResponse> {
    const { resource } = await findReferral(this.eventStore, referralId, scope);
    return referralResponseOf(resource);
  }
}

@QueryHandler(ListReferrals)
export class ListReferralsHandler implements IQueryHandler<ListReferrals> {
  constructor(private readonly register: ReferralRegister) {}

  execute({ filter }: ListReferrals): Promise<ReferralListItem[]> {
    return this.register.list(filter);
  }
}
