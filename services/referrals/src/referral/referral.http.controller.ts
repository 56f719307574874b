import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { houseScopeOf } from '@sagsspor/auth';
import { isCalendarDate } from '@sagsspor/calendar';
import type { Principal } from '@sagsspor/auth';
import { Access, Caller, eventMetadataFrom, idempotencyKeyFrom, MunicipalityOfIdQuery, tenantScopeOf, validationProblem } from '@sagsspor/platform';
import type { Request } from 'express';
import { ExecuteReferralCommand, referralIds, type ReferralRequest } from './referral.command-handler';
import { GetReferral, ListReferrals } from './referral.query';
import { AcceptReferralRequest, ListReferralsQuery, ReferralPath, RejectReferralRequest, SubmitReferralRequest, WithdrawReferralRequest } from './referral.request.dto';
import { ReferralListResponse, ReferralResponse } from './referral.response.dto';


const encodeCursor = (item: { referredAt: string; referralId: string; municipalityCode: string }) =>
  Buffer.from(JSON.stringify([item.referredAt, item.referralId, item.municipalityCode])).toString('base64url');
/** A cursor from before ADR 0095 names no municipality: it resumes after every referral of that id and date, as it did then ('zzz' sorts after every code). */
function decodeCursor(cursor: string): { referredAt: string; referralId: string; municipalityCode: string } {
  try {
    const [referredAt, referralId, municipalityCode = 'zzz'] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (isCalendarDate(referredAt) && typeof referralId === 'string' && typeof municipalityCode === 'string') return { referredAt, referralId, municipalityCode };
  } catch {
    // answered below
  }
  throw validationProblem([{ field: 'cursor', message: 'cursor must be the nextCursor of a previous page' }]);
}

@ApiTags('referrals')
@Controller('v1/referrals')
export class ReferralHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @Access({ municipality: { in: 'body', field: 'municipalityCode' }, admin: 'any' })
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; without it the referralId makes the request idempotent' })
  @ApiCreatedResponse({ type: ReferralResponse, description: 'Submitted to the house (or already: a retry answers the same). Closes any mandatory-referral gap of the child.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiUnprocessableEntityResponse({
    description: 'The CPR has no real birth date; the child is not 0-17 on referredAt; a date in the future or aware after referred; underretningId names no underretning of yours about this child',
  })
  @ApiConflictResponse({ description: "`REFERRAL.ID_IN_USE`: your municipality already used the id for another referral (ids are unique within a municipality: another municipality's use of the same id is another referral)" })
  submit(@Body() body: SubmitReferralRequest, @Req() request: Request): Promise<ReferralResponse> {
    const { childCpr, referralId, municipalityCode, houseCode, referredAt, municipalityAwareAt, abuseTypes, caseKind, underretningId } = body;
    const command: ReferralRequest = {
      type: 'SubmitReferral',
      childCpr,
      data: { referralId, municipalityCode, houseCode, referredAt, municipalityAwareAt, abuseTypes, caseKind: caseKind ?? 'abuse', ...(underretningId === undefined ? {} : { underretningId }) },
    };
    return this.commandBus.execute(new ExecuteReferralCommand(command, { metadata: eventMetadataFrom(request), idempotencyKey: idempotencyKeyFrom(request, `referral:${municipalityCode}`, referralId) }));
  }

  @Post(':referralId/accept')
  @Access({ boernehus: 'resource', admin: 'any' })
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; the same acceptance again changes nothing anyway' })
  @ApiOkResponse({ type: ReferralResponse, description: 'Accepted; `caseId` is the børnehus case this opens in case-lifecycle. The same acceptance again answers the same.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiUnprocessableEntityResponse({ description: 'acceptedAt is before referredAt or in the future' })
  @ApiNotFoundResponse({ description: 'No such referral (at your house)' })
  @ApiConflictResponse({ description: 'Only a submitted referral can be accepted: the answer names its current status (`REFERRAL.ALREADY_REJECTED`, ...); or `REFERRAL.AMBIGUOUS_ID`: referrals of two municipalities at your house have this id, name one with `?municipality=`' })
  accept(@Param() { referralId }: ReferralPath, @Query() query: MunicipalityOfIdQuery, @Body() body: AcceptReferralRequest, @Req() request: Request): Promise<ReferralResponse> {
    return this.transition({ type: 'AcceptReferral', data: { referralId, acceptedAt: body.acceptedAt } }, query, request, 'referral-accept');
  }

  @Post(':referralId/reject')
  @Access({ boernehus: 'resource', admin: 'any' })
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; the same rejection again changes nothing anyway' })
  @ApiOkResponse({ type: ReferralResponse, description: 'Rejected with a reason code (the note stays in this service)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field (a note with a CPR number is refused)' })
  @ApiUnprocessableEntityResponse({ description: 'rejectedAt is before referredAt or in the future' })
  @ApiNotFoundResponse({ description: 'No such referral (at your house)' })
  @ApiConflictResponse({ description: 'Only a submitted referral can be rejected: the answer names its current status; or `REFERRAL.AMBIGUOUS_ID` (name the municipality with `?municipality=`)' })
  reject(@Param() { referralId }: ReferralPath, @Query() query: MunicipalityOfIdQuery, @Body() body: RejectReferralRequest, @Req() request: Request): Promise<ReferralResponse> {
    const data = { referralId, rejectedAt: body.rejectedAt, reason: body.reason, ...(body.note === undefined ? {} : { note: body.note }) };
    return this.transition({ type: 'RejectReferral', data }, query, request, 'referral-reject');
  }

  @Post(':referralId/withdraw')
  @Access({ municipality: 'resource', admin: 'any' })
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; the same withdrawal again changes nothing anyway' })
  @ApiOkResponse({ type: ReferralResponse, description: 'Withdrawn by the municipality' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiUnprocessableEntityResponse({ description: 'withdrawnAt is before referredAt or in the future' })
  @ApiNotFoundResponse({ description: 'No such referral (of yours)' })
  @ApiConflictResponse({ description: 'Only a submitted referral can be withdrawn: the answer names its current status' })
  withdraw(@Param() { referralId }: ReferralPath, @Query() query: MunicipalityOfIdQuery, @Body() body: WithdrawReferralRequest, @Req() request: Request): Promise<ReferralResponse> {
    return this.transition({ type: 'WithdrawReferral', data: { referralId, withdrawnAt: body.withdrawnAt, reason: body.reason } }, query, request, 'referral-withdraw');
  }

  @Get()
  @Access({ boernehus: { in: 'query', field: 'house', optional: true }, ops: { in: 'query', field: 'house', optional: true }, admin: 'any' })
  @ApiOkResponse({ type: ReferralListResponse, description: "A page of referrals, oldest first. House staff see their own house's." })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad parameter' })
  async list(@Query() query: ListReferralsQuery, @Caller() caller: Principal): Promise<ReferralListResponse> {
    const limit = query.limit ?? 50;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const rows = await this.queryBus.execute(new ListReferrals({ houseCode: houseScopeOf(caller, query.house), status: query.status, after, limit: limit + 1 }));
    const items = rows.slice(0, limit);
    return { items, ...(rows.length > limit ? { nextCursor: encodeCursor(items[items.length - 1]) } : {}) };
  }

  @Get(':referralId')
  @Access({ municipality: 'resource', boernehus: 'resource', ops: 'resource', admin: 'any' })
  @ApiOkResponse({ type: ReferralResponse })
  @ApiNotFoundResponse({ description: 'No such referral (of your municipality or house): the same answer for an id nobody used and for one of a municipality or house not yours' })
  @ApiConflictResponse({ description: '`REFERRAL.AMBIGUOUS_ID`: referrals of two municipalities that you may see have this id; name one with `?municipality=`' })
  get(@Param() { referralId }: ReferralPath, @Query() query: MunicipalityOfIdQuery, @Req() request: Request): Promise<ReferralResponse> {
    return this.queryBus.execute(new GetReferral(referralId, tenantScopeOf(request, referralIds, query.municipality)));
  }

  private transition(command: Exclude<ReferralRequest, { type: 'SubmitReferral' }>, query: MunicipalityOfIdQuery, request: Request, scope: string): Promise<ReferralResponse> {
    // The key is taken within the referral's stream once the handler has found it (a referral id is unique within its municipality only).
    const context = { metadata: eventMetadataFrom(request), idempotencyKey: idempotencyKeyFrom(request, scope), scope: tenantScopeOf(request, referralIds, query.municipality) };
    return this.commandBus.execute(new ExecuteReferralCommand(command, context));
  }
}
