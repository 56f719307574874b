import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { PostgresEventStore } from '@sagsspor/event-store';
import { DomainError } from '@sagsspor/domain';
import { consultationDecider } from './consultation.decider';
import { consultationStreamId } from './consultation.events';
import { type ConsultationResponse, consultationResponseOf } from './consultation.response.dto';

/** One consultative inquiry, as its municipality or house sees it. */
export class GetConsultation extends Query<ConsultationResponse> {
  constructor(
    readonly consultationId: string,
    readonly checkOwner: (owner: { municipalityCode: string; houseCode: string }) => void,
  ) {
    super();
  }
}

export const consultationNotFound = (consultationId: string) => new DomainError('CONSULTATION.NOT_FOUND', `there is no consultation ${consultationId}`, 'not-found');

@QueryHandler(GetConsultation)
export class GetConsultationHandler implements IQueryHandler<GetConsultation> {
  constructor(private readonly eventStore: PostgresEventStore) {}

  async execute({ consultationId, checkOwner }: GetConsultation): Promise<ConsultationResponse> {
    const { state } = await this.eventStore.readState(consultationDecider, consultationStreamId(consultationId));
    if (state.status !== 'recorded') throw consultationNotFound(consultationId);
    checkOwner(state.facts);
    return consultationResponseOf(state);
  }
}
