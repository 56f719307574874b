import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Clock } from '@sagsspor/domain';
import { ChildVault, childIdentityFromCpr } from '@sagsspor/child-identity';
import { PostgresEventStore } from '@sagsspor/event-store';
import { Access, CLOCK, eventMetadataFrom, idempotencyKeyFrom, SERVICE_CONFIG, type ServiceConfig } from '@sagsspor/platform';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { inTransaction } from '../transaction';
import { videoInterviewRequestDecider } from './video-interview-request.decider';
import { videoInterviewRequestStreamId } from './video-interview-request.events';
import { RequestVideoInterviewRequest, VideoInterviewRequestResponse } from './video-interview-request.request.dto';

@ApiTags('video interviews')
@Controller('v1/video-interview-requests')
export class VideoInterviewRequestHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: PostgresEventStore,
    private readonly vault: ChildVault,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Access({ police: 'any', admin: 'any' })
  @HttpCode(201)
  @ApiOperation({
    summary: 'The police requested (planned) a video interview of a child',
    description: "Published as VideoInterviewRequestedV1: until the police release the child, case-lifecycle holds back the house's own work with the child.",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; the requestId already makes a retry change nothing' })
  @ApiCreatedResponse({ type: VideoInterviewRequestResponse, description: 'Recorded (or already recorded with the same content)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiUnprocessableEntityResponse({ description: 'requestedAt is in the future, the child is not 0-17 on it, or the CPR has no real birth date' })
  @ApiConflictResponse({ description: 'VIDEO_INTERVIEW_REQUEST.ID_IN_USE: the requestId was already used with other content' })
  async request(@Body() body: RequestVideoInterviewRequest, @Req() request: Request): Promise<VideoInterviewRequestResponse> {
    const { childCpr, ...asked } = body;
    const child = childIdentityFromCpr(childCpr, this.config.childRefSecret);
    return inTransaction(this.dataSource, undefined, async (manager) => {
      await this.vault.store(manager, child.childRef, childCpr);
      const { response } = await this.eventStore.handle(
        videoInterviewRequestDecider,
        videoInterviewRequestStreamId(body.requestId),
        { type: 'RequestVideoInterview', data: { ...asked, child } },
        {
          manager,
          now: this.clock(),
          metadata: eventMetadataFrom(request),
          idempotencyKey: idempotencyKeyFrom(request, 'video-interview-request'),
          respond: ({ state }) => {
            if (state.status !== 'requested') throw new Error('a handled request command leaves a requested interview');
            const { requestId, policeDistrict, childRef, municipalityCode, houseCode, requestedAt } = state.request;
            return { requestId, policeDistrict, childRef, municipalityCode, houseCode, requestedAt };
          },
        },
      );
      return response;
    });
  }
}
