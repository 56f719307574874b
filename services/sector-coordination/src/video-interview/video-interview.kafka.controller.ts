import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PoliceVideoInterviewMessageV1 } from '@sagsspor/contracts';
import type { IntegrationEventHandler } from '@sagsspor/messaging';
import type { IntegrationEventHandlers } from '@sagsspor/platform';
import { INBOUND_CPR_KEY, type InboundCprKey } from './inbound-cpr-key';
import { ExecuteVideoInterviewCommand } from './video-interview.command-handler';
import { videoInterviewInputFromMessage } from './video-interview.inbound-message';

/** The inbound topic's adapter: message → the same command as POST /v1/video-interviews, in the inbox transaction. */
@Injectable()
export class VideoInterviewKafkaController implements IntegrationEventHandlers {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(INBOUND_CPR_KEY) private readonly inboundKey: InboundCprKey,
  ) {}

  handlers(): Record<string, IntegrationEventHandler> {
    return {
      [PoliceVideoInterviewMessageV1.type]: async (event, { manager }) => {
        const input = await videoInterviewInputFromMessage(event.data, this.inboundKey.privateJwk);
        await this.commandBus.execute(
          new ExecuteVideoInterviewCommand(
            { type: 'RecordVideoInterview', data: input },
            { receivedVia: 'kafka', manager, metadata: { causationId: event.id, correlationId: event.id, traceparent: event.traceparent } },
          ),
        );
      },
    };
  }
}
