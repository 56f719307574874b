import type { CaseEndReason, NotReferredReason } from '@sagsspor/contracts';

// The Danish labels of the reason codes (ADR 0074), in the wording of the sources they come from
// (shortened to fit a column heading). docs/services/referrals.md and case-lifecycle.md quote the
// sources in full.

/** Ankestyrelsen, "Kommunernes brug af børnehuse" (003): "Der kan være følgende årsager til, at kommunen undlader at benytte børnehuset". */
export const notReferredReasonDa: Readonly<Record<NotReferredReason, string>> = {
  'preventive-measure-instead': 'forebyggende støtte efter § 11 i stedet for børnefaglig undersøgelse',
  'severity-judged-too-low': 'alvorsgraden vurderet for lav til en børnefaglig undersøgelse',
  'police-assessment-decided': 'politiets vurdering af anmeldelse og sigtelse vægtet højest',
  'police-not-involved': 'politiet ikke anset for involveret (kun sparring)',
  'consent-treated-as-required': 'samtykke fra forældrene opfattet som et lovkrav',
  'treated-as-an-offer': 'børnehuset opfattet som et tilbud og ikke et lovkrav',
  'parents-opposed': 'forældrene har modstand mod et forløb i børnehuset',
  'trust-with-parents': 'bekymring for tilliden mellem rådgiver og forældre',
  distance: 'lang afstand til børnehuset',
  'disagreement-on-support-needs': 'uenighed om barnets støttebehov',
  'waiting-time': 'ventetid på børnehusets udredning',
  'limited-benefit': 'børnehusets udredning supplerer ikke kommunens',
  'lack-of-knowledge': 'manglende viden og kendskab til børnehuset',
  'municipal-economy': 'kommunens økonomiske situation',
  other: 'andet',
};

/** Børnehus Midt (004): "ustabilt fremmøde eller hvor familierne ikke er motiveret til fremmøde"; the rest partly ours. */
export const caseEndReasonDa: Readonly<Record<CaseEndReason, string>> = {
  'unstable-attendance': 'ustabilt fremmøde',
  'family-not-motivated': 'familien ikke motiveret til fremmøde',
  'parents-opposed': 'forældrene har modstand mod forløbet',
  'municipality-withdrew': 'kommunen trak sagen tilbage',
  'family-moved': 'familien er flyttet',
  other: 'andet',
  'not-given': 'ikke angivet',
};
