import { MandatoryReferralGapOpenedV1, MandatoryReferralGapOpenedV2, mandatoryReferralGapOpenedV2FromV1 } from './events/referrals.events';
import type { IntegrationEvent, IntegrationEventDefinition } from './integration-event';

/**
 * A public event version that a newer one replaces (ADR 0013). The producer publishes both for the
 * deprecation window, so outside consumers have until `publishedUntil` to move; our own consumers
 * read both and turn the old one into the new with `upgrade`, because the topics keep the old
 * version forever and a rebuild reads it again.
 */
export interface SupersededVersion<Old = unknown, New = unknown> {
  readonly superseded: IntegrationEventDefinition<Old>;
  readonly by: IntegrationEventDefinition<New>;
  /** The last day the producer publishes the old version beside the new (YYYY-MM-DD). */
  readonly publishedUntil: string;
  /** Why the new version exists, for the docs. */
  readonly reason: string;
  /** The old version's data as the new version's: pure, total, and nothing guessed. */
  readonly upgrade: (data: Old) => New;
}

/** Declares a supersession with its types checked; the list holds it with the data types erased. */
const supersede = <Old, New>(version: SupersededVersion<Old, New>): SupersededVersion => ({ ...version, upgrade: (data) => version.upgrade(data as Old) });

export const supersededVersions: readonly SupersededVersion[] = [
  supersede({
    superseded: MandatoryReferralGapOpenedV1,
    by: MandatoryReferralGapOpenedV2,
    publishedUntil: '2027-06-30',
    reason:
      'Barnets lov replaced Serviceloven on 1 January 2024: the duty to refer (was § 50 b) is now § 125. v2 says which provision a gap\'s duty rested on (legalBasis, from the day the criteria were met), so a gap from 2023 is not reported as a breach of a law that did not yet apply.',
    upgrade: mandatoryReferralGapOpenedV2FromV1,
  }),
];

const byOldType = new Map(supersededVersions.map((v) => [v.superseded.type, v]));

/** The supersession of a type, when a newer version replaces it. */
export const supersessionOf = (type: string): SupersededVersion | undefined => byOldType.get(type);

/**
 * An event in the newest version of its type: an old version's data upgraded (through every later
 * version), the type the newest one's; a current event unchanged. Consumers read this, so they hold
 * one handler per event, whichever version was published.
 */
export function inLatestVersion(event: IntegrationEvent): IntegrationEvent {
  let current = event;
  for (let next = byOldType.get(current.type); next; next = byOldType.get(current.type)) {
    current = { ...current, type: next.by.type, data: next.upgrade(current.data) };
  }
  return current;
}

/** What a consumer that handles `types` (each in its latest version) receives: those and every older version of them. */
export function withOlderVersions(types: readonly string[]): string[] {
  const latestTypeOf = (type: string): string => {
    const next = byOldType.get(type);
    return next ? latestTypeOf(next.by.type) : type;
  };
  const older = supersededVersions.map((v) => v.superseded.type).filter((t) => types.includes(latestTypeOf(t)));
  return [...new Set([...types, ...older])];
}
