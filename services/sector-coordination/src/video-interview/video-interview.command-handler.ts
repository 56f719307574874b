import type { EntityManager } from 'typeorm';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChildRegistry } from '@sagsspor/child-identity';
import { type Aggregate, CommandPipeline, PostgresEventStore } from '@sagsspor/event-store';
import { type Clock, withoutBirthDate } from '@sagsspor/domain';
import { CLOCK, idempotencyKeyWithin, type TenantScope } from '@sagsspor/platform';
import { houseSites } from '@sagsspor/reference-data';
import type { CommandCallContext } from '../command-context';
import type { AssignSite, ReleaseChild, VideoInterviewCommand } from './video-interview.commands';
import { siteOfInterview, type VideoInterviewState, videoInterviewDecider } from './video-interview.decider';
import { type VideoInterview, type VideoInterviewEvent, videoInterviewStreamId } from './video-interview.events';
import { findVideoInterview, videoInterviewIds } from './video-interview.query';
import { inFieldOrder, type ReceivedVia, VideoInterviewReadModel } from './video-interview.read-model';
import type { VideoInterviewInput } from './video-interview.validation';

/**
 * A video interview command as the adapters give it: a police interview as checked by
 * validateVideoInterviewInput (the CPR still in clear), a release, or a site (the houses' sites
 * are looked up here).
 */
export type VideoInterviewCommandInput = { type: 'RecordVideoInterview'; data: VideoInterviewInput } | ReleaseChild | Omit<AssignSite, 'sites'>;

export interface VideoInterviewCommandContext extends CommandCallContext {
  /** How the command arrived: kept with each revision (and in the events' metadata). */
  receivedVia: ReceivedVia;
  /** For a release or a site: where its interview id is looked for (an interview id is unique within its police district only). */
  scope?: TenantScope;
}

/** The interview after the command (its current revision, in the documented field order), its release and its site. */
export interface VideoInterviewResult {
  interview: VideoInterview;
  releasedAt?: string;
  /** Where the interview is (ADR 0076): the site it was put at, else its house's main site. */
  siteCode: string;
}

/** The one way to a video interview's stream, from REST (POST /v1/video-interviews, .../release, PUT .../site) and the inbound police topic. */
export class ExecuteVideoInterviewCommand extends Command<VideoInterviewResult> {
  constructor(
    readonly command: VideoInterviewCommandInput,
    readonly context: VideoInterviewCommandContext,
  ) {
    super();
  }
}

/**
 * The CPR becomes the child's pseudonym in the child registry (and goes nowhere else); then, in one
 * unit of work (new, or the consumer's), the pipeline decides on the interview's stream and keeps
 * the read tables (its reaction) in step.
 */
@CommandHandler(ExecuteVideoInterviewCommand)
export class VideoInterviewCommandHandler implements ICommandHandler<ExecuteVideoInterviewCommand> {
  private readonly aggregate: Aggregate<VideoInterviewState, VideoInterviewCommand, VideoInterviewEvent>;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly eventStore: PostgresEventStore,
    private readonly registry: ChildRegistry,
    readModel: VideoInterviewReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.aggregate = { decider: videoInterviewDecider, reactions: [readModel] };
  }

  execute({ command, context }: ExecuteVideoInterviewCommand): Promise<VideoInterviewResult> {
    // The houses' sites: reference data (ADR 0076).
    if (command.type === 'AssignSite') return this.decide({ ...command, sites: houseSites }, context);
    if (command.type !== 'RecordVideoInterview') return this.decide(command, context);
    const { childCpr, ...facts } = command.data;
    return this.registry.withChild(childCpr, 'childCpr', (child) => this.decide({ type: 'RecordVideoInterview', data: { ...facts, child } }, context));
  }

  private decide(command: VideoInterviewCommand, context: ExecuteVideoInterviewCommand['context']): Promise<VideoInterviewResult> {
    const { receivedVia, metadata, idempotencyKey } = context;
    return this.pipeline.unitOfWork(
      async (manager) => {
        const streamId = command.type === 'RecordVideoInterview' ? videoInterviewStreamId(command.data.policeDistrict, command.data.interviewId) : await this.streamOf(manager, command.data.interviewId, context.scope);
        const { response } = await this.pipeline.run(this.aggregate, streamId, command, {
          manager,
          now: this.clock(),
          metadata: { ...metadata, receivedVia },
          idempotencyKey: idempotencyKeyWithin(streamId, idempotencyKey),
          // What the caller asked (not the sites looked up for it): a retry is the same request.
          request: withoutBirthDate(command.type === 'AssignSite' ? { type: command.type, data: command.data } : command),
          respond: ({ state }) => {
            if (state.status !== 'recorded') throw new Error('a handled video interview command leaves a recorded interview');
            return { interview: inFieldOrder(state.interview), releasedAt: state.releasedAt, siteCode: siteOfInterview(state, houseSites) };
          },
        });
        return response;
      },
      { manager: context.manager },
    );
  }

  /**
   * The interview a release or a site names (its district named, or the only one with that id), among
   * those the caller may see. Read in the command's unit of work: a second connection from the pool,
   * taken while the transaction holds one, deadlocks once the pool's connections all wait so.
   */
  private async streamOf(manager: EntityManager, interviewId: string, scope: TenantScope = { tenants: videoInterviewIds.tenants, owns: () => true }): Promise<string> {
    const load = async (district: string) => {
      const { state } = await this.pipeline.readState(videoInterviewDecider, videoInterviewStreamId(district, interviewId), manager);
      return state.status === 'recorded' ? state.interview : undefined;
    };
    const { streamId } = await findVideoInterview(this.eventStore, interviewId, scope, load, (interview) => interview, manager);
    return streamId;
  }

}
