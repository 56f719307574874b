// ADR 0099 replaced the child's birth date in the internal events by its age in whole years on the
// event's date. No event of sector-coordination ever stored a birth date: a video interview keeps
// the age on conductedAt (the contract's childAgeYears) and a video interview request keeps no age,
// the birth date only ever being the deciders' input (the 0-17 rule). So there is no step to take;
// the list is exported, empty, so the offline migration treats every service that receives CPRs alike.
import type { Upcaster } from '@sagsspor/domain';

export const childAgeUpcasters: readonly Upcaster[] = [];
