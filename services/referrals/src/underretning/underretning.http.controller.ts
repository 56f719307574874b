import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Access, callerIdKey, eventMetadataFrom, idempotencyKeyFrom, LOGGER, MAX_BATCH_ITEMS, MunicipalityOfIdQuery, settleEach, tenantScopeOf, validationProblem } from '@sagsspor/platform';
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { DecisionChanges } from './underretning.commands';
import { ExecuteUnderretningCommand, underretningIds } from './underretning.command-handler';
import { decisionFields } from './underretning.events';
import { GetUnderretning } from './underretning.query';
import { ReceiveUnderretningBatchRequest, ReceiveUnderretningRequest, RecordDecisionsRequest, RecordNotReferredReasonsRequest, UnderretningPath } from './underretning.request.dto';
import { UnderretningBatchResponse, UnderretningResponse } from './underretning.response.dto';

/** The dates a decisions request records; 400 naming all five fields when none is given. */
function decisionChangesOf(body: RecordDecisionsRequest): DecisionChanges {
  const changes: DecisionChanges = {};
  for (const field of decisionFields) if (body[field] !== undefined) changes[field] = body[field];
  if (Object.keys(changes).length === 0) {
    throw validationProblem(decisionFields.map((field) => ({ field, message: `give at least one of ${decisionFields.join(', ')}` })));
  }
  return changes;
}


@ApiTags('underretninger')
@Controller('v1/underretninger')
export class UnderretningHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  @Access({ municipality: { in: 'body', field: 'municipalityCode' }, admin: 'any' })
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; without it the underretningId makes the request idempotent' })
  @ApiCreatedResponse({ type: UnderretningResponse, description: 'Stored, and the criteria evaluated (or already stored: a retry answers the same)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field (malformed CPR, unknown municipality, bad date, unknown concern, unknown field)' })
  @ApiUnprocessableEntityResponse({
    description: 'The CPR has no real birth date, the child is not 0-17 on receivedAt (`UNDERRETNING.NOT_A_CHILD`), receivedAt is in the future, or the id was used for another request',
  })
  @ApiConflictResponse({ description: "`UNDERRETNING.ID_IN_USE`: your municipality already used the id for another underretning (ids are unique within a municipality: another municipality's use of the same id is another underretning)" })
  receive(@Body() body: ReceiveUnderretningRequest, @Req() request: Request): Promise<UnderretningResponse> {
    const { childCpr, underretningId, municipalityCode, receivedAt, concerns, source } = body;
    const command = new ExecuteUnderretningCommand(
      { type: 'ReceiveUnderretning', childCpr, data: { underretningId, municipalityCode, receivedAt, concerns, source } },
      { metadata: eventMetadataFrom(request), idempotencyKey: idempotencyKeyFrom(request, `underretning:${municipalityCode}`, underretningId) },
    );
    return this.commandBus.execute(command);
  }

  @Post('batch')
  @Access({ municipality: { in: 'body', field: 'municipalityCode' }, admin: 'any' })
  @HttpCode(200)
  @ApiOkResponse({
    type: UnderretningBatchResponse,
    description: `A result per item, in order: each stored (201) or refused (its problem) as \`POST /v1/underretninger\` would answer it alone. Items are idempotent by their underretningId: sending a batch again stores nothing twice and answers the same. At most ${MAX_BATCH_ITEMS} items.`,
  })
  @ApiBadRequestResponse({ description: 'problem+json: no items, more than the maximum, an item that is not an object, or an unknown municipality (nothing is stored). A bad item is its own result, not a 400.' })
  async receiveBatch(@Body() { municipalityCode, items }: ReceiveUnderretningBatchRequest, @Req() request: Request): Promise<UnderretningBatchResponse> {
    const metadata = eventMetadataFrom(request);
    // Every item well-formed first (a 400 names them all and stores nothing); then each on its own.
    const emptyDecisions = items.flatMap((item, index) => (item.decisions && decisionFields.every((f) => item.decisions![f] === undefined) ? [index] : []));
    if (emptyDecisions.length > 0) {
      throw validationProblem(emptyDecisions.map((index) => ({ field: `items[${index}].decisions`, message: `give at least one of ${decisionFields.join(', ')}, or leave decisions out` })));
    }
    const commands = items.map(
      ({ decisions, childCpr, underretningId, receivedAt, concerns, source }) =>
        // One command: the underretning and its decisions are stored together or not at all.
        new ExecuteUnderretningCommand(
          { type: 'ReceiveUnderretning', childCpr, data: { underretningId, municipalityCode, receivedAt, concerns, source }, ...(decisions ? { decisions: decisionChangesOf(decisions) } : {}) },
          { metadata, idempotencyKey: callerIdKey(`underretning:${municipalityCode}`, underretningId) },
        ),
    );
    const results = await settleEach(commands, (command) => this.commandBus.execute(command), { status: 201, logger: this.logger });
    const stored = results.filter((r) => r.status === 201).length;
    return { results, stored, failed: results.length - stored } as UnderretningBatchResponse;
  }

  @Post(':underretningId/decisions')
  @Access({ municipality: 'resource', admin: 'any' })
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; recording the same dates again changes nothing anyway' })
  @ApiBody({
    type: RecordDecisionsRequest,
    examples: {
      investigationAndPolice: { summary: '§ 20 decided and reported to the police', value: { childInvestigationDecidedAt: '2025-03-06', policeReportedAt: '2025-03-05' } },
      correction: { summary: 'Correct a date', value: { policeReportedAt: '2025-03-04' } },
      withdrawal: { summary: 'Withdraw a date recorded by mistake', value: { hospitalInvolvedAt: null } },
    },
  })
  @ApiOkResponse({ type: UnderretningResponse, description: 'Recorded and the criteria evaluated again; the same dates again change nothing and answer the same' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field, or all five when none is given' })
  @ApiUnprocessableEntityResponse({ description: 'A date is in the future, before receivedAt, or on a day the child is not 0-17; the message names the field' })
  @ApiNotFoundResponse({ description: 'No such underretning (of yours): the same answer for an id nobody used and for another municipality\'s' })
  recordDecisions(@Param() { underretningId }: UnderretningPath, @Query() query: MunicipalityOfIdQuery, @Body() body: RecordDecisionsRequest, @Req() request: Request): Promise<UnderretningResponse> {
    const changes = decisionChangesOf(body);
    const command = new ExecuteUnderretningCommand(
      { type: 'RecordUnderretningDecisions', data: { underretningId, changes } },
      { metadata: eventMetadataFrom(request), idempotencyKey: idempotencyKeyFrom(request, 'underretning-decisions'), scope: tenantScopeOf(request, underretningIds, query.municipality) },
    );
    return this.commandBus.execute(command);
  }

  @Post(':underretningId/not-referred-reasons')
  @Access({ municipality: 'resource', admin: 'any' })
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; recording the same reasons and note again changes nothing anyway' })
  @ApiBody({
    type: RecordNotReferredReasonsRequest,
    examples: {
      preventiveMeasure: { summary: 'A § 11 preventive measure instead of an investigation', value: { reasons: ['preventive-measure-instead'] } },
      policeAndConsent: {
        summary: "The police's assessment decided, and consent was treated as required",
        value: { reasons: ['police-assessment-decided', 'consent-treated-as-required'], note: 'Politiet vurderede, at der ikke var grundlag for anmeldelse.' },
      },
    },
  })
  @ApiOkResponse({ type: UnderretningResponse, description: 'Recorded (replacing the reasons recorded before); the same reasons and note again change nothing and answer the same' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field: no reason, an unknown reason, a reason twice, a note over 500 characters or holding a CPR number' })
  @ApiNotFoundResponse({ description: 'No such underretning (of yours): the same answer for an id nobody used and for another municipality\'s' })
  recordNotReferredReasons(
    @Param() { underretningId }: UnderretningPath,
    @Query() query: MunicipalityOfIdQuery,
    @Body() body: RecordNotReferredReasonsRequest,
    @Req() request: Request,
  ): Promise<UnderretningResponse> {
    const { reasons, note } = body;
    const command = new ExecuteUnderretningCommand(
      { type: 'RecordNotReferredReasons', data: { underretningId, reasons, ...(note === undefined ? {} : { note }) } },
      { metadata: eventMetadataFrom(request), idempotencyKey: idempotencyKeyFrom(request, 'underretning-not-referred-reasons'), scope: tenantScopeOf(request, underretningIds, query.municipality) },
    );
    return this.commandBus.execute(command);
  }

  @Get(':underretningId')
  @Access({ municipality: 'resource', admin: 'any' })
  @ApiOkResponse({ type: UnderretningResponse, description: 'The underretning, its decisions, the latest criteria evaluation and the referral watch' })
  @ApiNotFoundResponse({ description: 'No such underretning (of yours): the same answer for an id nobody used and for another municipality\'s' })
  get(@Param() { underretningId }: UnderretningPath, @Query() query: MunicipalityOfIdQuery, @Req() request: Request): Promise<UnderretningResponse> {
    return this.queryBus.execute(new GetUnderretning(underretningId, tenantScopeOf(request, underretningIds, query.municipality)));
  }
}
