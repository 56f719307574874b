import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Clock } from '@sagsspor/domain';
import { PostgresEventStore } from '@sagsspor/event-store';
import { Access, assertTenant, CLOCK, eventMetadataFrom, idempotencyKeyFrom } from '@sagsspor/platform';
import type { Request } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import { caseUnknown } from '../known-cases/domain/known-case';
import { KnownCasesRepository } from '../known-cases/known-cases.repository';
import { inTransaction } from '../transaction';
import { coordinationDecider } from './case-conference.decider';
import { coordinationStreamId } from './case-conference.events';
import { CaseConferenceResponse, HoldCaseConferenceRequest } from './case-conference.request.dto';

@ApiTags('case conferences')
@Controller('v1/case-conferences')
export class CaseConferenceHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: PostgresEventStore,
    private readonly knownCases: KnownCasesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Access({ boernehus: 'resource', admin: 'any' })
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a case conference (sagssamråd) held in a case',
    description:
      'The first conference of a case is the coordinating one (it opens the coordination); follow-up conferences come after it; a concluding one ends it. ' +
      'Participants: each sector at most once, the børnehus attending or by phone.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional; the conferenceId already makes a retry change nothing' })
  @ApiCreatedResponse({ type: CaseConferenceResponse, description: 'Recorded (or already recorded with the same content)' })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiNotFoundResponse({ description: "CASE.UNKNOWN: the case is not known here (yet: a case just opened may take a moment to arrive), or it is another house's" })
  @ApiUnprocessableEntityResponse({ description: "heldAt outside the case's open period, in the future, or before the conference it follows; participants break a rule" })
  @ApiConflictResponse({ description: 'The kind is not allowed now (no coordinating conference yet, a second coordinating one, anything after the concluding one) or the conferenceId is used with other content' })
  async hold(@Body() body: HoldCaseConferenceRequest, @Req() request: Request): Promise<CaseConferenceResponse> {
    const knownCase = await this.knownCases.find(body.caseId);
    // An unknown case is 404 for house staff here; for admin the decider says so.
    assertTenant(request, { houseCode: knownCase?.houseCode }, () => caseUnknown(body.caseId));
    const conference = { conferenceId: body.conferenceId, caseId: body.caseId, kind: body.kind, heldAt: body.heldAt, participants: body.participants.map(({ sector, mode }) => ({ sector, mode })) };
    return inTransaction(this.dataSource, undefined, async (manager) => {
      const conferenceIdUsedInCase = await this.caseUsing(manager, body.conferenceId);
      const { response, appended } = await this.eventStore.handle(
        coordinationDecider,
        coordinationStreamId(body.caseId),
        { type: 'HoldCaseConference', data: { conference, knownCase, conferenceIdUsedInCase } },
        {
          manager,
          now: this.clock(),
          metadata: eventMetadataFrom(request),
          idempotencyKey: idempotencyKeyFrom(request, 'case-conference'),
          request: conference,
          respond: ({ state }) => {
            const held = state.status === 'not-opened' ? undefined : state.conferences[body.conferenceId];
            if (!held) throw new Error('a handled conference command leaves the conference held');
            return { conferenceId: held.conferenceId, caseId: held.caseId, houseCode: held.houseCode, kind: held.kind, heldAt: held.heldAt, participants: held.participants };
          },
        },
      );
      if (appended > 0) await manager.query(`INSERT INTO conference_ids (conference_id, case_id) VALUES ($1, $2)`, [body.conferenceId, body.caseId]);
      return response;
    });
  }

  private async caseUsing(manager: EntityManager, conferenceId: string): Promise<string | undefined> {
    const rows: { case_id: string }[] = await manager.query(`SELECT case_id::text AS case_id FROM conference_ids WHERE conference_id = $1`, [conferenceId]);
    return rows[0]?.case_id;
  }
}
