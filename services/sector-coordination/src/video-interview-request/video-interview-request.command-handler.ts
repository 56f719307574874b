import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChildRegistry } from '@sagsspor/child-identity';
import { type Aggregate, CommandPipeline } from '@sagsspor/event-store';
import { type Clock, withoutBirthDate } from '@sagsspor/domain';
import { CLOCK } from '@sagsspor/platform';
import type { CommandCallContext } from '../command-context';
import type { RequestVideoInterview, VideoInterviewRequestCommand } from './video-interview-request.commands';
import { type VideoInterviewRequestState, videoInterviewRequestDecider } from './video-interview-request.decider';
import { type VideoInterviewRequestEvent, type VideoInterviewRequestFacts, videoInterviewRequestStreamId } from './video-interview-request.events';

/** A request command as the adapters give it: the child's CPR in clear, not yet its identity. */
export type VideoInterviewRequestCommandInput = {
  type: 'RequestVideoInterview';
  data: Omit<RequestVideoInterview['data'], 'child'> & { childCpr: string };
};

/** The one way to a video interview request's stream (POST /v1/video-interview-requests). */
export class ExecuteVideoInterviewRequestCommand extends Command<VideoInterviewRequestFacts> {
  constructor(
    readonly command: VideoInterviewRequestCommandInput,
    readonly context: CommandCallContext,
  ) {
    super();
  }
}

/** The CPR becomes the child's pseudonym in the child registry (and goes nowhere else), then the pipeline decides on the request's stream. */
@CommandHandler(ExecuteVideoInterviewRequestCommand)
export class VideoInterviewRequestCommandHandler implements ICommandHandler<ExecuteVideoInterviewRequestCommand> {
  private readonly aggregate: Aggregate<VideoInterviewRequestState, VideoInterviewRequestCommand, VideoInterviewRequestEvent> = {
    decider: videoInterviewRequestDecider,
    reactions: [],
  };

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly registry: ChildRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ command, context }: ExecuteVideoInterviewRequestCommand): Promise<VideoInterviewRequestFacts> {
    const { childCpr, ...asked } = command.data;
    return this.registry.withChild(childCpr, 'childCpr', (child) => this.pipeline.unitOfWork(
      async (manager) => {
        const request: VideoInterviewRequestCommand = { type: 'RequestVideoInterview', data: { ...asked, child } };
        const { response } = await this.pipeline.run(
          this.aggregate,
          videoInterviewRequestStreamId(asked.requestId),
          request,
          {
            manager,
            now: this.clock(),
            metadata: context.metadata,
            idempotencyKey: context.idempotencyKey,
            request: withoutBirthDate(request),
            respond: ({ state }) => {
              if (state.status !== 'requested') throw new Error('a handled request command leaves a requested interview');
              const { requestId, policeDistrict, childRef, municipalityCode, houseCode, requestedAt } = state.request;
              return { requestId, policeDistrict, childRef, municipalityCode, houseCode, requestedAt };
            },
          },
        );
        return response;
      },
      { manager: context.manager },
    ));
  }
}
