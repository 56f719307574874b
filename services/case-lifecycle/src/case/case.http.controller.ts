import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Principal } from '@sagsspor/auth';
import { DomainError } from '@sagsspor/domain';
import { Access, AssignSiteRequest, assertTenant, type AuthenticatedRequest, Caller, eventMetadataFrom, idempotencyKeyFrom } from '@sagsspor/platform';
import type { Request } from 'express';
import type { CaseCommand } from './case.commands';
import { GetCaseQuery } from './case.query';
import { ClosingMemoRequest, CloseCaseRequest, CorrectClosureRequest, PoliceReleaseRequest, RecordServiceRequest, RegisterSuspectRequest } from './case.request.dto';
import { CaseResponse } from './case.response.dto';
import { ExecuteCaseCommand } from './execute-case-command';

const notFound = (caseId: string) => () => new DomainError('CASE.NOT_FOUND', `There is no case ${caseId}.`, 'not-found');
const houseStaff = { boernehus: 'resource', admin: 'any' } as const;

/**
 * The house's commands on a case, and the case as everyone with a right to it sees it. Every
 * command answers with the case as it is after the command (a retry with the same Idempotency-Key
 * appends nothing and answers with the case as it is then).
 */
@ApiTags('cases')
@Controller('v1/cases')
@ApiNotFoundResponse({ description: 'No such case (or another tenant\'s): problem+json CASE.NOT_FOUND' })
export class CaseHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get(':caseId')
  @Access({ boernehus: 'resource', municipality: 'resource', ops: 'resource', admin: 'any' })
  @ApiOkResponse({ type: CaseResponse })
  async get(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Req() request: Request): Promise<CaseResponse> {
    return this.view(caseId, request);
  }

  @Put(':caseId/site')
  @HttpCode(200)
  @Access(houseStaff)
  @ApiOkResponse({ type: CaseResponse, description: 'The case is at this site of its house (the same site again changes nothing); until a site is set a case is at its house\'s main site' })
  @ApiBadRequestResponse({ description: 'problem+json: siteCode is not a site of any house' })
  @ApiUnprocessableEntityResponse({ description: "CASE.SITE_NOT_OF_HOUSE: a site of another house (the answer names the case's house's sites)" })
  assignSite(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() body: AssignSiteRequest, @Req() request: Request, @Caller() caller: Principal): Promise<CaseResponse> {
    return this.execute(caseId, { type: 'AssignSite', data: { siteCode: body.siteCode } }, 'site', request, caller);
  }

  @Post(':caseId/police-release')
  @HttpCode(200)
  @Access(houseStaff)
  @ApiOkResponse({ type: CaseResponse, description: 'The release is recorded; services to the child are allowed from its date' })
  @ApiConflictResponse({ description: 'CASE.CLOSED, CASE.ALREADY_RELEASED' })
  @ApiUnprocessableEntityResponse({ description: 'CASE.DATE_IN_FUTURE, CASE.RELEASE_BEFORE_INTERVIEW' })
  release(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() body: PoliceReleaseRequest, @Req() request: Request, @Caller() caller: Principal): Promise<CaseResponse> {
    return this.execute(caseId, { type: 'RecordPoliceRelease', data: { releasedAt: body.releasedAt } }, 'police-release', request, caller);
  }

  @Post(':caseId/services')
  @HttpCode(201)
  @Access(houseStaff)
  @ApiCreatedResponse({ type: CaseResponse, description: 'The service is recorded (the same serviceId with the same content again changes nothing)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field (unknown kind or recipient, bad date)' })
  @ApiConflictResponse({ description: 'CASE.AWAITING_POLICE_RELEASE (the police release gate), CASE.CLOSED, CASE.SERVICE_ID_REUSED' })
  @ApiUnprocessableEntityResponse({ description: 'CASE.SERVICE_BEFORE_OPENING, CASE.DATE_IN_FUTURE' })
  recordService(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() body: RecordServiceRequest, @Req() request: Request, @Caller() caller: Principal): Promise<CaseResponse> {
    const { serviceId, kind, deliveredAt, recipient } = body;
    return this.execute(caseId, { type: 'RecordService', data: { serviceId, kind, deliveredAt, recipient } }, 'service', request, caller);
  }

  @Post(':caseId/suspects')
  @HttpCode(201)
  @Access(houseStaff)
  @ApiCreatedResponse({ type: CaseResponse })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiConflictResponse({ description: 'CASE.CLOSED, CASE.SUSPECT_ID_REUSED' })
  registerSuspect(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() body: RegisterSuspectRequest, @Req() request: Request, @Caller() caller: Principal): Promise<CaseResponse> {
    const { suspectId, sex, relation, ageGroup } = body;
    return this.execute(caseId, { type: 'RegisterSuspect', data: { suspectId, sex, relation, ageGroup } }, 'suspect', request, caller);
  }

  @Post(':caseId/closing-memo')
  @HttpCode(200)
  @Access(houseStaff)
  @ApiOkResponse({ type: CaseResponse, description: 'The closing memo is recorded as sent; the case is `closing-memo-sent`' })
  @ApiConflictResponse({ description: 'CASE.CLOSED, CASE.CLOSING_MEMO_ALREADY_SENT' })
  @ApiUnprocessableEntityResponse({ description: 'CASE.MEMO_BEFORE_OPENING, CASE.DATE_IN_FUTURE' })
  sendClosingMemo(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() body: ClosingMemoRequest, @Req() request: Request, @Caller() caller: Principal): Promise<CaseResponse> {
    return this.execute(caseId, { type: 'SendClosingMemo', data: { sentAt: body.sentAt } }, 'closing-memo', request, caller);
  }

  @Post(':caseId/close')
  @HttpCode(200)
  @Access(houseStaff)
  @ApiOkResponse({ type: CaseResponse, description: 'Closed, and settled at once if the tariff for the house and year is set' })
  @ApiConflictResponse({ description: 'CASE.ALREADY_CLOSED with another closing (use closure-corrections; the same closing again is a retry and answers 200), CASE.CLOSING_MEMO_ALREADY_SENT' })
  @ApiUnprocessableEntityResponse({ description: 'CASE.CLOSED_BEFORE_OPENING, CASE.CLOSED_BEFORE_LAST_SERVICE, CASE.CLOSING_MEMO_MISSING, CASE.MEMO_AFTER_CLOSING, CASE.DATE_IN_FUTURE, CASE.END_REASON_FOR_COMPLETED' })
  close(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() body: CloseCaseRequest, @Req() request: Request, @Caller() caller: Principal): Promise<CaseResponse> {
    const { closedAt, outcome, closingMemoSentAt, endReason, endNote } = body;
    const data = { closedAt, outcome, ...(closingMemoSentAt ? { closingMemoSentAt } : {}), ...(endReason ? { endReason } : {}), ...(endNote !== undefined ? { endNote } : {}) };
    return this.execute(caseId, { type: 'CloseCase', data }, 'close', request, caller);
  }

  @Post(':caseId/closure-corrections')
  @HttpCode(201)
  @Access(houseStaff)
  @ApiCreatedResponse({ type: CaseResponse, description: 'The closing is corrected (next revision); a settled case is settled again' })
  @ApiConflictResponse({ description: 'CASE.NOT_CLOSED, CASE.NO_TARIFF_FOR_YEAR' })
  @ApiUnprocessableEntityResponse({ description: 'CASE.NOTHING_TO_CORRECT, CASE.CLOSED_BEFORE_OPENING, CASE.CLOSED_BEFORE_LAST_SERVICE, CASE.CLOSING_MEMO_MISSING, CASE.DATE_IN_FUTURE, CASE.END_REASON_FOR_COMPLETED' })
  correctClosure(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() body: CorrectClosureRequest, @Req() request: Request, @Caller() caller: Principal): Promise<CaseResponse> {
    const { closedAt, outcome, reason, endReason, endNote } = body;
    const data = { ...(closedAt ? { closedAt } : {}), ...(outcome ? { outcome } : {}), reason, ...(endReason ? { endReason } : {}), ...(endNote !== undefined ? { endNote } : {}) };
    return this.execute(caseId, { type: 'CorrectClosure', data }, 'closure-correction', request, caller);
  }

  /** The command as this caller's, on a case of the caller's tenant (checked before anything is written); answers with the case after it. */
  private async execute(caseId: string, command: CaseCommand, action: string, request: Request, caller: Principal): Promise<CaseResponse> {
    await this.commandBus.execute(
      new ExecuteCaseCommand(caseId, command, {
        metadata: { ...eventMetadataFrom(request), actor: caller.subject },
        idempotencyKey: idempotencyKeyFrom(request, `case-${action}:${caseId}`),
        checkTenant: (tenant) => {
          if (!tenant) throw notFound(caseId)();
          assertTenant(request, tenant, notFound(caseId));
        },
      }),
    );
    return this.view(caseId, request);
  }

  private async view(caseId: string, request: Request): Promise<CaseResponse> {
    const role = (request as AuthenticatedRequest).principal?.role;
    const view = await this.queryBus.execute(new GetCaseQuery(caseId, { showCorrectionReasons: role === 'boernehus' || role === 'admin' }));
    if (!view) throw notFound(caseId)();
    assertTenant(request, { municipalityCode: view.municipalityCode, houseCode: view.houseCode }, notFound(caseId));
    return view;
  }
}
