import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type VideoInterviewView, VideoInterviewReadModel } from './video-interview.read-model';

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
