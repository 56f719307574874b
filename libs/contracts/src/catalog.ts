import Ajv, { type ValidateFunction } from 'ajv';
import type { IntegrationEventDefinition } from './integration-event';
import {
  CaseClosedV1,
  CaseClosingMemoSentV1,
  CaseClosureCorrectedV1,
  CaseDeadlineReachedV1,
  CaseOpenedV1,
  CasePoliceReleasedV1,
  CaseServiceDeliveredV1,
  CaseSettledV1,
  CaseSuspectRegisteredV1,
} from './events/case-lifecycle.events';
import { CaseSiteAssignedV1 } from './events/case-site.events';
import { VideoInterviewSiteAssignedV1 } from './events/video-interview-site.events';
import {
  ConsultationRecordedV1,
  MandatoryReferralCriteriaEvaluatedV1,
  MandatoryReferralGapClosedV1,
  MandatoryReferralGapOpenedV1,
  MandatoryReferralGapOpenedV2,
  ReferralAcceptedV1,
  ReferralRejectedV1,
  ReferralSubmittedV1,
  ReferralWithdrawnV1,
  UnderretningDecisionsRecordedV1,
  UnderretningReceivedV1,
} from './events/referrals.events';
import {
  CaseConferenceHeldV1,
  ChildReleasedByPoliceV1,
  ExaminationPerformedV1,
  VideoInterviewCorrectedV1,
  VideoInterviewRecordedV1,
  VideoInterviewRequestedV1,
} from './events/sector-coordination.events';
import { CaseEndReasonRecordedV1, UnderretningNotReferredReasonsRecordedV1 } from './events/reasons.events';
import { PoliceVideoInterviewMessageV1 } from './inbound/police-video-interview.message';

/** Every public integration event our services publish, by CloudEvents type. */
export const integrationEventCatalog: readonly IntegrationEventDefinition[] = [
  UnderretningReceivedV1,
  UnderretningDecisionsRecordedV1,
  MandatoryReferralCriteriaEvaluatedV1,
  MandatoryReferralGapOpenedV1,
  MandatoryReferralGapOpenedV2,
  MandatoryReferralGapClosedV1,
  ConsultationRecordedV1,
  ReferralSubmittedV1,
  ReferralAcceptedV1,
  ReferralRejectedV1,
  ReferralWithdrawnV1,
  CaseOpenedV1,
  CasePoliceReleasedV1,
  CaseServiceDeliveredV1,
  CaseSuspectRegisteredV1,
  CaseClosingMemoSentV1,
  CaseClosedV1,
  CaseClosureCorrectedV1,
  CaseSettledV1,
  CaseDeadlineReachedV1,
  CaseSiteAssignedV1,
  VideoInterviewRecordedV1,
  VideoInterviewCorrectedV1,
  VideoInterviewSiteAssignedV1,
  VideoInterviewRequestedV1,
  ChildReleasedByPoliceV1,
  CaseConferenceHeldV1,
  ExaminationPerformedV1,
  UnderretningNotReferredReasonsRecordedV1,
  CaseEndReasonRecordedV1,
];

/** Messages outside systems put on our inbound topics. */
export const inboundMessageCatalog: readonly IntegrationEventDefinition[] = [PoliceVideoInterviewMessageV1];

const byType = new Map([...integrationEventCatalog, ...inboundMessageCatalog].map((d) => [d.type, d]));
const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map<string, ValidateFunction>();

export function definitionOf(type: string): IntegrationEventDefinition | undefined {
  return byType.get(type);
}

/** Validates `data` against the schema of its event type; returns the problems, empty when valid. */
export function validateIntegrationEventData(type: string, data: unknown): string[] {
  const definition = byType.get(type);
  if (!definition) return [`unknown event type '${type}'`];
  let validate = validators.get(type);
  if (!validate) {
    validate = ajv.compile(definition.schema as object);
    validators.set(type, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
}

/**
 * Validates one field's value against that property's schema in its event type's schema (e.g. one
 * field of an inbound message, checked on its own); the problems, empty when valid.
 */
export function validateIntegrationEventField(type: string, field: string, value: unknown): string[] {
  const schema = (byType.get(type)?.schema as { properties?: Record<string, object> } | undefined)?.properties?.[field];
  if (!schema) return [`'${field}' is not a field of '${type}'`];
  const key = `${type}#${field}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath ? `${field}${e.instancePath}` : field} ${e.message ?? 'is invalid'}`);
}
