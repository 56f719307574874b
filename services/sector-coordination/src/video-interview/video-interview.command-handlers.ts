import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Clock } from '@sagsspor/domain';
import { ChildVault, childIdentityFromCpr } from '@sagsspor/child-identity';
import { type EventMetadata, PostgresEventStore } from '@sagsspor/event-store';
import { CLOCK, SERVICE_CONFIG, type ServiceConfig } from '@sagsspor/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../transaction';
import type { VideoInterviewCommand } from './video-interview.commands';
import { videoInterviewDecider } from './video-interview.decider';
import { type VideoInterview, type VideoInterviewEvent, videoInterviewStreamId } from './video-interview.events';
import { inFieldOrder, type ReceivedVia, VideoInterviewReadModel } from './video-interview.read-model';
import type { VideoInterviewInput } from './video-interview.validation';

export interface CommandOptions {
  /** The consumer's inbox transaction, on the Kafka path. */
  manager?: EntityManager;
  idempotencyKey?: string;
  metadata: EventMetadata;
}

/** A police video interview, checked by validateVideoInterviewInput, from REST or the inbound topic. */
export class RecordVideoInterviewCommand extends Command<VideoInterview> {
  constructor(
    readonly input: VideoInterviewInput,
    readonly receivedVia: ReceivedVia,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

export class ReleaseChildCommand extends Command<{ interviewId: string; childRef: string; releasedAt: string }> {
  constructor(
    readonly interviewId: string,
    readonly releasedAt: string,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** Decides on an interview's stream and updates the read tables, in one transaction. */
@Injectable()
export class VideoInterviewCommands {
  constructor(
    private readonly eventStore: PostgresEventStore,
    private readonly readModel: VideoInterviewReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(manager: EntityManager, command: VideoInterviewCommand, receivedVia: ReceivedVia, options: CommandOptions) {
    let appended: VideoInterviewEvent[] = [];
    const { response } = await this.eventStore.handle(videoInterviewDecider, videoInterviewStreamId(command.data.interviewId), command, {
      manager,
      now: this.clock(),
      metadata: { ...options.metadata, receivedVia },
      idempotencyKey: options.idempotencyKey,
      respond: ({ state, newEvents }) => {
        appended = newEvents;
        if (state.status !== 'recorded') throw new Error('a handled video interview command leaves a recorded interview');
        return { interview: inFieldOrder(state.interview), releasedAt: state.releasedAt };
      },
    });
    await this.readModel.apply(manager, appended, receivedVia);
    return response;
  }
}

/** Both adapters (REST and the inbound topic) end here: the CPR becomes childRef, and goes to the vault only. */
@CommandHandler(RecordVideoInterviewCommand)
export class RecordVideoInterviewHandler implements ICommandHandler<RecordVideoInterviewCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: ChildVault,
    private readonly commands: VideoInterviewCommands,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async execute({ input, receivedVia, options }: RecordVideoInterviewCommand): Promise<VideoInterview> {
    const { childCpr, ...facts } = input;
    const child = childIdentityFromCpr(childCpr, this.config.childRefSecret);
    return inTransaction(this.dataSource, options.manager, async (manager) => {
      await this.vault.store(manager, child.childRef, childCpr);
      const { interview } = await this.commands.handle(manager, { type: 'RecordVideoInterview', data: { ...facts, child } }, receivedVia, options);
      return interview;
    });
  }
}

@CommandHandler(ReleaseChildCommand)
export class ReleaseChildHandler implements ICommandHandler<ReleaseChildCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: VideoInterviewCommands,
  ) {}

  async execute({ interviewId, releasedAt, options }: ReleaseChildCommand) {
    return inTransaction(this.dataSource, options.manager, async (manager) => {
      const { interview, releasedAt: recorded } = await this.commands.handle(manager, { type: 'ReleaseChild', data: { interviewId, releasedAt } }, 'rest', options);
      return { interviewId, childRef: interview.childRef, releasedAt: recorded ?? releasedAt };
    });
  }
}
