import { ReferralAcceptedV1, type ReferralAcceptedV1 as ReferralAccepted, UnderretningReceivedV1, type UnderretningReceivedV1 as UnderretningReceived } from '@sagsspor/contracts';
import type { RecordedEvent } from '@sagsspor/event-store';
import type { PublicEvent } from '@sagsspor/messaging';
import { ageInYears } from '@sagsspor/calendar';
import type { ReferralEvent } from './referral/referral.events';
import type { UnderretningEvent } from './underretning/underretning.events';

/**
 * Internal events → public integration events, field by field: only the pseudonym, sex, age,
 * codes and business dates leave the service. Events not listed here stay internal.
 */
export function toPublicEvents(event: RecordedEvent): PublicEvent[] {
  const internal = { type: event.type, data: event.data } as UnderretningEvent | ReferralEvent;
  switch (internal.type) {
    case 'UnderretningReceived': {
      const d = internal.data;
      const data: UnderretningReceived = {
        underretningId: d.underretningId,
        municipalityCode: d.municipalityCode,
        childRef: d.childRef,
        childSex: d.childSex,
        childAgeYears: ageInYears(d.childBirthDate, d.receivedAt),
        receivedAt: d.receivedAt,
        concerns: d.concerns,
        source: d.source,
      };
      return [{ definition: UnderretningReceivedV1, data, subject: event.streamId }];
    }
    case 'ReferralAccepted': {
      const d = internal.data;
      const data: ReferralAccepted = {
        referralId: d.referralId,
        caseId: d.caseId,
        childRef: d.childRef,
        childSex: d.childSex,
        childAgeYears: ageInYears(d.childBirthDate, d.referredAt),
        municipalityCode: d.municipalityCode,
        houseCode: d.houseCode,
        referredAt: d.referredAt,
        municipalityAwareAt: d.municipalityAwareAt,
        acceptedAt: d.acceptedAt,
        abuseTypes: d.abuseTypes,
        caseKind: d.caseKind,
        ...(d.underretningId ? { underretningId: d.underretningId } : {}),
      };
      return [{ definition: ReferralAcceptedV1, data, subject: event.streamId }];
    }
    default:
      return [];
  }
}
