import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Access, eventMetadataFrom, idempotencyKeyFrom } from '@sagsspor/platform';
import type { Request } from 'express';
import { ExecuteVideoInterviewRequestCommand } from './video-interview-request.command-handler';
import { RequestVideoInterviewRequest, VideoInterviewRequestResponse } from './video-interview-request.request.dto';

@ApiTags('video interviews')
@Controller('v1/video-interview-requests')
export class VideoInterviewRequestHttpController {
  constructor(private readonly commandBus: CommandBus) {}

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
    const { requestId, childCpr, policeDistrict, municipalityCode, houseCode, requestedAt } = body;
    return this.commandBus.execute(
      new ExecuteVideoInterviewRequestCommand(
        { type: 'RequestVideoInterview', data: { requestId, childCpr, policeDistrict, municipalityCode, houseCode, requestedAt } },
        { metadata: eventMetadataFrom(request), idempotencyKey: idempotencyKeyFrom(request, 'video-interview-request') },
      ),
    );
  }
}
