import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError, tenantOfStreamId } from '@sagsspor/domain';
import { PostgresEventStore } from '@sagsspor/event-store';
import type { EntityManager } from 'typeorm';
import { oneInScope, policeDistrictScopedIds, type TenantScope } from '@sagsspor/platform';
import { VIDEO_INTERVIEW_STREAM_PREFIX } from './video-interview.events';
import { type VideoInterviewView, VideoInterviewReadModel } from './video-interview.read-model';

/** No such interview, or (for børnehus staff) one held in another house: the same answer. */
export function videoInterviewNotFound(interviewId: string): DomainError {
  return new DomainError('VIDEO_INTERVIEW.NOT_FOUND', `there is no video interview ${interviewId}`, 'not-found');
}

/** A police system's interview id is unique within its police district only (ADR 0095). */
export const videoInterviewIds = policeDistrictScopedIds(VIDEO_INTERVIEW_STREAM_PREFIX);

/**
 * The interview stream an id in a path names, among those the caller may see: 404 alike for an unused
 * id and one the caller may not see. `manager`: the unit of work to read in (a command's), if any.
 */
export function findVideoInterview<R>(
  eventStore: PostgresEventStore,
  interviewId: string,
  scope: TenantScope,
  load: (policeDistrict: string) => Promise<R | undefined>,
  tenantOf: (interview: R) => { houseCode: string; municipalityCode: string },
  manager?: EntityManager,
): Promise<{ streamId: string; resource: R }> {
  return oneInScope({
    ids: videoInterviewIds,
    id: interviewId,
    scope,
    existing: (streamIds) => eventStore.existingStreams(streamIds, manager),
    load: (streamId) => load(tenantOfStreamId(VIDEO_INTERVIEW_STREAM_PREFIX, streamId)),
    tenantOf,
    notFound: () => videoInterviewNotFound(interviewId),
    ambiguousCode: 'VIDEO_INTERVIEW.AMBIGUOUS_ID',
    tenantParameter: 'policeDistrict',
  });
}

/** An interview's current revision, its release and every revision, as GET /v1/video-interviews/{id} shows them. */
export class FindVideoInterviewQuery extends Query<VideoInterviewView> {
  constructor(
    readonly interviewId: string,
    readonly scope: TenantScope,
  ) {
    super();
  }
}

@QueryHandler(FindVideoInterviewQuery)
export class FindVideoInterviewHandler implements IQueryHandler<FindVideoInterviewQuery> {
  constructor(
    private readonly eventStore: PostgresEventStore,
    private readonly readModel: VideoInterviewReadModel,
  ) {}

  async execute({ interviewId, scope }: FindVideoInterviewQuery): Promise<VideoInterviewView> {
    const found = await findVideoInterview(this.eventStore, interviewId, scope, (district) => this.readModel.find(district, interviewId), (view) => view.interview);
    return found.resource;
  }
}
