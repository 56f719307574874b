import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Access, AssignSiteRequest, eventMetadataFrom, idempotencyKeyFrom, PoliceDistrictOfIdQuery, Public, tenantScopeOf, validationProblem } from '@sagsspor/platform';
import type { Request } from 'express';
import { INBOUND_CPR_KEY, type InboundCprKey } from './inbound-cpr-key';
import { ExecuteVideoInterviewCommand } from './video-interview.command-handler';
import { FindVideoInterviewQuery, videoInterviewIds } from './video-interview.query';
import {
  EncryptionKeySetResponse,
  RecordVideoInterviewRequest,
  ReleaseChildRequest,
  ReleaseResponse,
  VideoInterviewHistoryResponse,
  VideoInterviewPath,
  VideoInterviewResponse,
  VideoInterviewSiteResponse,
} from './video-interview.request.dto';
import { validateVideoInterviewInput } from './video-interview.validation';

@ApiTags('video interviews')
@Controller('v1/video-interviews')
export class VideoInterviewHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    @Inject(INBOUND_CPR_KEY) private readonly inboundKey: InboundCprKey,
  ) {}

  @Post()
  @Access({ police: 'any', admin: 'any' })
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a police video interview, or correct one sent before',
    description:
      'The same message as on the Kafka topic sagsspor.inbound.police.video-interviews.v1, checked by the same rules, except that childCpr travels in clear here (inside TLS). ' +
      'The interviewId and policeDistrict are the key (an interview id is unique within its police district): the same content again changes nothing and answers the same; other content is a correction (the next revision).',
  })
  @ApiBody({ type: RecordVideoInterviewRequest })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional: a retry with the same key answers exactly as the first request did' })
  @ApiCreatedResponse({ type: VideoInterviewResponse, description: 'The interview as recorded now (its current revision)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field (missing, unknown, not a CPR, unknown police district, municipality or house, bad date)' })
  @ApiUnprocessableEntityResponse({ description: 'The child is not 0-17 on conductedAt, a date is in the future, the report or request is after the interview, or the interview would move after the release' })
  async record(@Body() body: unknown, @Req() request: Request): Promise<VideoInterviewResponse> {
    const checked = validateVideoInterviewInput(body);
    if (!checked.valid) throw validationProblem(checked.problems);
    // Only a caller's own Idempotency-Key: the interviewId alone must let a correction through.
    const { interview } = await this.commandBus.execute(
      new ExecuteVideoInterviewCommand(
        { type: 'RecordVideoInterview', data: checked.input },
        { receivedVia: 'rest', metadata: eventMetadataFrom(request), idempotencyKey: idempotencyKeyFrom(request, 'video-interview') },
      ),
    );
    return interview;
  }

  @Get('encryption-key')
  @Public()
  @ApiOperation({
    summary: 'The public key to encrypt childCpr to for the Kafka topic (JWKS)',
    description: 'On sagsspor.inbound.police.video-interviews.v1 the CPR travels only as childCprEncrypted: a compact JWE (alg RSA-OAEP-256, enc A256GCM, kid of this key). No token needed.',
  })
  @ApiOkResponse({ type: EncryptionKeySetResponse })
  encryptionKey(): InboundCprKey['publicJwks'] {
    return this.inboundKey.publicJwks;
  }

  @Get(':interviewId')
  @Access({ police: 'any', admin: 'any', boernehus: 'resource' })
  @ApiOperation({ summary: 'A video interview: its current revision, its release, and every revision (childRef only, never the CPR)' })
  @ApiOkResponse({ type: VideoInterviewHistoryResponse })
  @ApiNotFoundResponse({ description: 'No such interview (or, for børnehus staff, one held in another house): the same answer' })
  @ApiConflictResponse({ description: '`VIDEO_INTERVIEW.AMBIGUOUS_ID`: two police districts used this interview id; name one with `?policeDistrict=`' })
  async get(@Param() { interviewId }: VideoInterviewPath, @Query() query: PoliceDistrictOfIdQuery, @Req() request: Request): Promise<VideoInterviewHistoryResponse> {
    const view = await this.queryBus.execute(new FindVideoInterviewQuery(interviewId, tenantScopeOf(request, videoInterviewIds, query.policeDistrict)));
    return { ...view.interview, ...(view.releasedAt ? { releasedAt: view.releasedAt } : {}), siteCode: view.siteCode, revisions: view.revisions };
  }

  @Put(':interviewId/site')
  // Who records the interview, and the staff of the house it was held in (who may read it): ADR 0076.
  @Access({ police: 'any', admin: 'any', boernehus: 'resource' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Put the interview at a site of its house (Syd: Odense, Esbjerg or Aabenraa; Midt: Aarhus or Herning; ...)',
    description:
      "Until then an interview is at its house's main site, and the reports count it there. The same site again changes nothing; another site of the house moves it. Published as VideoInterviewSiteAssignedV1. If the police correct the interview's house, it is at the new house's main site until put at one of that house's sites.",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional: a retry with the same key answers exactly as the first request did' })
  @ApiOkResponse({ type: VideoInterviewSiteResponse, description: 'Where the interview is now' })
  @ApiBadRequestResponse({ description: 'problem+json: siteCode is not a site of any house' })
  @ApiNotFoundResponse({ description: 'No such interview (or, for børnehus staff, one held in another house): the same answer' })
  @ApiUnprocessableEntityResponse({ description: "`VIDEO_INTERVIEW.SITE_NOT_OF_HOUSE`: a site of another house (the answer names the interview's house's sites)" })
  @ApiConflictResponse({ description: '`VIDEO_INTERVIEW.AMBIGUOUS_ID`: two police districts used this interview id; name one with `?policeDistrict=`' })
  async assignSite(@Param() { interviewId }: VideoInterviewPath, @Query() query: PoliceDistrictOfIdQuery, @Body() body: AssignSiteRequest, @Req() request: Request): Promise<VideoInterviewSiteResponse> {
    const { interview, siteCode } = await this.commandBus.execute(
      new ExecuteVideoInterviewCommand(
        { type: 'AssignSite', data: { interviewId, siteCode: body.siteCode } },
        { receivedVia: 'rest', metadata: eventMetadataFrom(request), idempotencyKey: idempotencyKeyFrom(request, 'video-interview-site'), scope: tenantScopeOf(request, videoInterviewIds, query.policeDistrict) },
      ),
    );
    return { interviewId: interview.interviewId, policeDistrict: interview.policeDistrict, houseCode: interview.houseCode, siteCode };
  }

  @Post(':interviewId/release')
  @Access({ police: 'any', admin: 'any' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'The police released (frigav) the child after the interview',
    description: "Until then the house may not start its own work with the child. Published as ChildReleasedByPoliceV1 for the interview's child.",
  })
  @ApiOkResponse({ type: ReleaseResponse })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiNotFoundResponse({ description: 'No such interview' })
  @ApiUnprocessableEntityResponse({ description: 'releasedAt is before the interview or in the future' })
  @ApiConflictResponse({ description: 'The child was already released after this interview on another day; or `VIDEO_INTERVIEW.AMBIGUOUS_ID`: two police districts used this interview id, name one with `?policeDistrict=`' })
  async release(@Param() { interviewId }: VideoInterviewPath, @Query() query: PoliceDistrictOfIdQuery, @Body() body: ReleaseChildRequest, @Req() request: Request): Promise<ReleaseResponse> {
    const { interview, releasedAt } = await this.commandBus.execute(
      new ExecuteVideoInterviewCommand(
        { type: 'ReleaseChild', data: { interviewId, releasedAt: body.releasedAt } },
        { receivedVia: 'rest', metadata: eventMetadataFrom(request), idempotencyKey: idempotencyKeyFrom(request, 'video-interview-release'), scope: tenantScopeOf(request, videoInterviewIds, query.policeDistrict) },
      ),
    );
    return { interviewId, childRef: interview.childRef, releasedAt: releasedAt ?? body.releasedAt };
  }
}
