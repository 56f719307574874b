import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  type CaseConferenceHeldV1 as CaseConferenceHeld,
  CaseConferenceHeldV1,
  type ChildReleasedByPoliceV1 as ChildReleasedByPolice,
  ChildReleasedByPoliceV1,
  type ExaminationPerformedV1 as ExaminationPerformed,
  ExaminationPerformedV1,
  type IntegrationEvent,
  type ReferralAcceptedV1 as ReferralAccepted,
  ReferralAcceptedV1,
  type VideoInterviewRecordedV1 as VideoInterviewRecorded,
  VideoInterviewCorrectedV1,
  VideoInterviewRecordedV1,
  type VideoInterviewRequestedV1 as VideoInterviewRequested,
  VideoInterviewRequestedV1,
} from '@sagsspor/contracts';
import type { IntegrationEventHandler, MessageContext } from '@sagsspor/messaging';
import type { IntegrationEventHandlers } from '@sagsspor/platform';
import { CaseReferencesRepository } from '../case-references/case-references.repository';
import { PoliceGateSync } from '../police-interviews/police-gate.sync';
import { PoliceInterviewFactsRepository } from '../police-interviews/police-interview-facts.repository';
import { type CaseCommandMetadata, ExecuteCaseCommand } from './execute-case-command';

const metadataOf = (event: IntegrationEvent): CaseCommandMetadata => ({ causationId: event.id, traceparent: event.traceparent });

/**
 * Integration events → case commands and local facts, each in the consumer's inbox transaction.
 * Order between the topics is not guaranteed, so every police-interview fact is kept per child and
 * the child's status is applied both when a case opens and to the child's open cases when a fact
 * arrives (docs/adr/0030).
 */
@Injectable()
export class CaseKafkaController implements IntegrationEventHandlers {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly facts: PoliceInterviewFactsRepository,
    private readonly policeGate: PoliceGateSync,
    private readonly references: CaseReferencesRepository,
  ) {}

  handlers(): Record<string, IntegrationEventHandler> {
    return {
      [ReferralAcceptedV1.type]: (event, context) => this.openCase(event as IntegrationEvent<ReferralAccepted>, context),
      [VideoInterviewRequestedV1.type]: (event, { manager }) => {
        const requested = event.data as VideoInterviewRequested;
        return this.withChildFacts(requested.childRef, event, { manager }, () => this.facts.record(manager, requested.childRef, 'interview', `request:${requested.requestId}`, requested.requestedAt));
      },
      [VideoInterviewRecordedV1.type]: (event, context) => this.recordInterview(event as IntegrationEvent<VideoInterviewRecorded>, context),
      [VideoInterviewCorrectedV1.type]: (event, context) => this.recordInterview(event as IntegrationEvent<VideoInterviewRecorded>, context),
      [ChildReleasedByPoliceV1.type]: (event, { manager }) => {
        const released = event.data as ChildReleasedByPolice;
        return this.withChildFacts(released.childRef, event, { manager }, () =>
          this.facts.record(manager, released.childRef, 'release', `police:${released.interviewId ?? event.id}`, released.releasedAt),
        );
      },
      [CaseConferenceHeldV1.type]: (event, { manager }) => this.references.recordConference(manager, event.data as CaseConferenceHeld),
      [ExaminationPerformedV1.type]: (event, { manager }) => this.references.recordExamination(manager, event.data as ExaminationPerformed),
    };
  }

  /** Opens the case; the command handler looks up what is known of the child's police interviews, under the child's lock. */
  private async openCase(event: IntegrationEvent<ReferralAccepted>, { manager }: MessageContext): Promise<void> {
    const accepted = event.data;
    await this.commandBus.execute(
      new ExecuteCaseCommand(
        accepted.caseId,
        {
          type: 'OpenCase',
          data: {
            caseId: accepted.caseId,
            referralId: accepted.referralId,
            childRef: accepted.childRef,
            childSex: accepted.childSex,
            childAgeYears: accepted.childAgeYears,
            municipalityCode: accepted.municipalityCode,
            houseCode: accepted.houseCode,
            referredAt: accepted.referredAt,
            municipalityAwareAt: accepted.municipalityAwareAt,
            openedAt: accepted.acceptedAt,
            abuseTypes: accepted.abuseTypes,
            caseKind: accepted.caseKind,
          },
        },
        { manager, metadata: metadataOf(event) },
      ),
    );
  }

  /** A conducted interview: pending from its request (when known) until a release dated on or after it was conducted. */
  private recordInterview(event: IntegrationEvent<VideoInterviewRecorded>, { manager }: MessageContext): Promise<void> {
    const interview = event.data;
    return this.withChildFacts(interview.childRef, event, { manager }, async () => {
      await this.facts.record(manager, interview.childRef, 'interview', `interview:${interview.interviewId}`, interview.conductedAt);
      if (interview.requestedAt) await this.facts.record(manager, interview.childRef, 'interview', `interview-request:${interview.interviewId}`, interview.requestedAt);
      else await this.facts.forget(manager, interview.childRef, 'interview', `interview-request:${interview.interviewId}`);
    });
  }

  private async withChildFacts(childRef: string, event: IntegrationEvent, { manager }: Pick<MessageContext, 'manager'>, write: () => Promise<void>): Promise<void> {
    await this.facts.lockChild(manager, childRef);
    await write();
    await this.policeGate.applyToOpenCases(manager, childRef, metadataOf(event));
  }
}
