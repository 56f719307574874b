import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sagsspor/domain';
import { type VideoInterviewView, VideoInterviewReadModel } from './video-interview.read-model';

/** No such interview, or (for børnehus staff) one held in another house: the same answer. */
export function videoInterviewNotFound(interviewId: string): DomainError {
  return new DomainError('VIDEO_INTERVIEW.NOT_FOUND', `there is no video interview ${interviewId}`, 'not-found');
}

/** An interview's current revision, its release and every revision, as GET /v1/video-interviews/{id} shows them. */
export class FindVideoInterviewQuery extends Query<VideoInterviewView | undefined> {
  constructor(readonly interviewId: string) {
    super();
  }
}

@QueryHandler(FindVideoInterviewQuery)
export class FindVideoInterviewHandler implements IQueryHandler<FindVideoInterviewQuery> {
  constructor(private readonly readModel: VideoInterviewReadModel) {}

  execute({ interviewId }: FindVideoInterviewQuery): Promise<VideoInterviewView | undefined> {
    return this.readModel.find(interviewId);
  }
}
