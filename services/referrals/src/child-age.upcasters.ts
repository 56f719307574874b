// The internal events kept the child's exact birth date beside its pseudonym until ADR 0099; they now
// keep the age in whole years on the date their public event reports it for, which is all any reader
// uses (ADR 0014). These steps turn a stored event of the older shape into the current one on every
// read, and the offline migration rewrites the stored events with the same steps, after which no
// event holds a birth date. Pure and total: each uses only the event's own dates.
import { ageInYears, type CalendarDate } from '@sagsspor/calendar';
import type { StoredData, Upcaster } from '@sagsspor/domain';

/** The data with `childBirthDate` replaced, in its place, by the age on `onDate`. */
function withAgeInPlaceOfBirthDate(data: StoredData, onDate: CalendarDate): Record<string, unknown> {
  const birthDate = data.childBirthDate as CalendarDate;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => (key === 'childBirthDate' ? ['childAgeYears', ageInYears(birthDate, onDate)] : [key, value])));
}

/** One step: `childBirthDate` → `childAgeYears` on the date named by `dateField`. */
function ageOn(type: string, dateField: string): Upcaster {
  return {
    type,
    change: `childBirthDate replaced by childAgeYears, the age in whole years on ${dateField} (ADR 0099)`,
    applies: (data) => 'childBirthDate' in data,
    upcast: (data) => ({ type, data: withAgeInPlaceOfBirthDate(data, data[dateField] as CalendarDate) }),
  };
}

/** A consultation keeps its named child in `child`: the age is on askedAt. */
const consultationChildAge: Upcaster = {
  type: 'ConsultationRecorded',
  change: 'child.childBirthDate replaced by child.childAgeYears, the age in whole years on askedAt (ADR 0099)',
  applies: (data) => typeof data.child === 'object' && data.child !== null && 'childBirthDate' in data.child,
  upcast: (data) => ({ type: 'ConsultationRecorded', data: { ...data, child: withAgeInPlaceOfBirthDate(data.child as StoredData, data.askedAt as CalendarDate) } }),
};

/**
 * Every step from a stored event with the child's birth date to the current shape, one per event
 * type; each applies only to data that still holds `childBirthDate`, so it is safe to run on any
 * event of the service (an event of another type, or of the current shape, comes back unchanged).
 * The watch's events take the age on criteriaMetAt: what MandatoryReferralGapOpened reports.
 */
export const childAgeUpcasters: readonly Upcaster[] = [
  ageOn('UnderretningReceived', 'receivedAt'),
  ...(['ReferralSubmitted', 'ReferralAccepted', 'ReferralRejected', 'ReferralWithdrawn'] as const).map((type) => ageOn(type, 'referredAt')),
  consultationChildAge,
  ...(['MandatoryReferralDeadlineSet', 'MandatoryReferralMadeInTime', 'MandatoryReferralGapOpened'] as const).map((type) => ageOn(type, 'criteriaMetAt')),
];
