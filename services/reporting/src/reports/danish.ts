import type { CaseOutcome, ChildSex, ConferenceKind, MandatoryReferralProvision, PoliceInvolvementDefinition, Sector, ServiceProvider, SuspectRelation, SuspectSex } from '@sagsspor/contracts';

// The Danish words a report's CSV writes with `locale=da` for the fixed English values the JSON
// API has (docs/glossary.md has the terms). Each map is typed by its vocabulary, so a value added
// to the contracts without its Danish word does not compile.

export const rowLevelDa: Readonly<Record<'municipality' | 'region' | 'house' | 'national', string>> = {
  municipality: 'kommune',
  region: 'region',
  house: 'børnehus',
  national: 'hele landet',
};

export const suppressionKindDa: Readonly<Record<'primary' | 'secondary', string>> = { primary: 'primær', secondary: 'sekundær' };

export const caseOutcomeDa: Readonly<Record<CaseOutcome, string>> = { completed: 'gennemført', interrupted: 'afbrudt', withdrawn: 'trukket tilbage' };

export const childSexDa: Readonly<Record<ChildSex, string>> = { female: 'pige', male: 'dreng' };

export const suspectSexDa: Readonly<Record<SuspectSex, string>> = { female: 'kvinde', male: 'mand', unknown: 'ukendt' };

export const suspectRelationDa: Readonly<Record<SuspectRelation, string>> = {
  parent: 'forælder',
  'step-parent': 'stedforælder',
  sibling: 'søskende',
  'other-family': 'anden familie',
  acquaintance: 'bekendt',
  professional: 'fagperson',
  'other-child': 'andet barn',
  stranger: 'fremmed',
  unknown: 'ukendt',
};

export const conferenceKindDa: Readonly<Record<ConferenceKind, string>> = { coordinating: 'koordinerende', 'follow-up': 'opfølgende', concluding: 'afsluttende' };

export const sectorDa: Readonly<Record<Sector, string>> = { municipality: 'kommune', police: 'politi', paediatrician: 'pædiater', forensic: 'retsmediciner', boernehus: 'børnehus' };

export const serviceProviderDa: Readonly<Record<ServiceProvider, string>> = { boernehus: 'børnehus', police: 'politi', forensic: 'retsmediciner', paediatrician: 'pædiater' };

export const policeInvolvementDa: Readonly<Record<PoliceInvolvementDefinition, string>> = { reported: 'anmeldt', consulted: 'konsulteret' };

export const legalBasisDa: Readonly<Record<MandatoryReferralProvision, string>> = { 'serviceloven-50b': 'serviceloven § 50 b', 'barnets-lov-125': 'barnets lov § 125' };

/** The annual statistics' CSV: its table names, groups and the categories that are not one of the vocabularies above. */
export const annualStatisticsTermsDa: Readonly<Record<string, string>> = {
  'closed-cases': 'afsluttede sager',
  consultations: 'konsultative henvendelser',
  children: 'børn',
  'abuse-type': 'overgrebstype',
  suspects: 'mistænkte krænkere',
  'case-conferences': 'sagssamråd',
  'sector-participation': 'sektordeltagelse i koordinerende sagssamråd',
  services: 'ydelser',
  'service-sources': 'ydelser efter kilde',
  entered: 'registreret i sagen',
  recorded: 'registreret af sektorerne',
  'in-both': 'i begge (talt én gang)',
  'abuse-type-by-sex': 'overgrebstype efter barnets køn',
  'abuse-type-by-age': 'overgrebstype efter barnets alder',
  'abuse-type-by-sex-and-age': 'overgrebstype efter barnets køn og alder',
  'abuse-type-by-house': 'overgrebstype efter børnehus',
  'suspects-by-abuse-type': 'mistænkte krænkere efter køn og overgrebstype',
  'unique-children': 'unikke børn',
  'children-with-several-cases': 'børn med flere sager',
  'cases-without-child': 'sager uden barnets pseudonym',
  all: 'alle',
  total: 'i alt',
  house: 'børnehus',
  region: 'region',
  outcome: 'udfald',
  sex: 'køn',
  relation: 'relation til barnet',
  cases: 'sager',
  provider: 'udfører',
  'at-least-one': 'mindst ét',
  violenceOnly: 'kun vold',
  sexualOnly: 'kun seksuelle overgreb',
  violenceAndSexual: 'vold og seksuelle overgreb',
  psychologicalOnly: 'kun psykisk vold',
  unknown: 'ukendt',
  withPsychological: 'med psykisk vold',
};

/** One table of Danish words: a value's word in the first map that has it. */
export const danishWords = (...maps: Readonly<Record<string, string>>[]): Readonly<Record<string, string>> => Object.assign({}, ...[...maps].reverse());
