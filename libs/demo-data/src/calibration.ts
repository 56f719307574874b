import type { HouseCode } from '@sagsspor/contracts';

// The figures the demo data is calibrated to, with where each comes from. Sources (in
// /work/shared): domain.md section 4; sources/001 (Årsstatistik om de danske børnehuse 2017,
// Socialstyrelsen); sources/004 (Børnehus Midt to DASSOS, November 2025); fixtures/*.csv.
// Where no published figure exists the value is an assumption, marked as such; docs/demo-data.md
// lists them all.

/** Closed børnehus cases nationally per year 2014-2017 (annual statistics); later years per house (`houseCasesAfter2017`). */
export const nationalCasesByYear: Readonly<Record<number, number>> = {
  2014: 882,
  2015: 1111,
  2016: 1326,
  2017: 1665,
};

export function nationalCases(year: number): number {
  if (year > 2017) return (Object.keys(closedCasesByHouse[2017]) as HouseCode[]).reduce((sum, house) => sum + houseCasesAfter2017(house, year), 0);
  return nationalCasesByYear[Math.max(2014, year)];
}

/**
 * Closed cases per house where a source gives them (later years): Syd expected 675 in 2021 (sources/002,
 * "Vi havde i 2021 forventet 675 sager"); Børnehus Midt closed 788 in 2024 and 936 in January-October 2025
 * (sources/004), here 1,123 for 2025 (936 × 12/10: the months taken as even, an assumption). Between two
 * published years a house's count moves linearly from its 2017 count; after its last published year it
 * stays there; a house with no later figure stays at its 2017 count (assumptions). So the history grows
 * (2,696 cases in 2025 against 1,665 in 2017), as Midt's own figures do.
 */
export const laterHouseCases: Readonly<Record<HouseCode, Readonly<Record<number, number>>>> = {
  hovedstaden: {},
  midt: { 2024: 788, 2025: Math.round((936 * 12) / 10) },
  nord: {},
  sjaelland: {},
  syd: { 2021: 675 },
};

/** A house's closed cases in a year after 2017 (see laterHouseCases). */
export function houseCasesAfter2017(house: HouseCode, year: number): number {
  const points = [[2017, closedCasesByHouse[2017][house]], ...Object.entries(laterHouseCases[house]).map(([y, n]) => [Number(y), n])].sort((a, b) => a[0] - b[0]);
  const after = points.findIndex(([y]) => y >= year);
  if (after === -1) return points[points.length - 1][1];
  if (after === 0 || points[after][0] === year) return points[after][1];
  const [[y0, n0], [y1, n1]] = [points[after - 1], points[after]];
  return Math.round(n0 + ((n1 - n0) * (year - y0)) / (y1 - y0));
}

/** Consultative inquiries nationally (annual statistics 2014-2017; later years held at the 2017 level, an assumption). */
const consultationsByYear: Readonly<Record<number, number>> = { 2014: 1060, 2015: 1424, 2016: 1880, 2017: 2179 };
export function nationalConsultations(year: number): number {
  if (year < 2014) return consultationsByYear[2014];
  return consultationsByYear[year] ?? consultationsByYear[2017];
}

/** Closed cases per house (fixtures/national_closed_cases_2014_2017.csv). Shares move linearly from 2014 to 2017 and stay at 2017's after. */
export const closedCasesByHouse: Readonly<Record<2014 | 2017, Readonly<Record<HouseCode, number>>>> = {
  2014: { hovedstaden: 226, midt: 138, nord: 125, sjaelland: 104, syd: 289 },
  2017: { hovedstaden: 352, midt: 272, nord: 230, sjaelland: 316, syd: 495 },
};

export function houseShares(year: number): Record<HouseCode, number> {
  const t = Math.min(1, Math.max(0, (year - 2014) / 3));
  const share = (y: 2014 | 2017, h: HouseCode) => closedCasesByHouse[y][h] / Object.values(closedCasesByHouse[y]).reduce((a, b) => a + b, 0);
  const houses = Object.keys(closedCasesByHouse[2017]) as HouseCode[];
  return Object.fromEntries(houses.map((h) => [h, share(2014, h) * (1 - t) + share(2017, h) * t])) as Record<HouseCode, number>;
}

/** Children's sex in closed cases 2017: 783 boys, 891 girls (sources/001). */
export const girlShare = 891 / (783 + 891);

/**
 * Age of the child by sex (relative weights for 0-17, sources/001 figure 5 read as shapes: low at 0-2, rising to
 * about 8; girls dip to 12 and peak at 13-14; boys flat around 10 % from 6 to 11, then falling).
 */
export const ageWeights: Readonly<Record<'female' | 'male', readonly number[]>> = {
  //        0  1  2  3  4  5  6  7  8   9  10 11 12 13  14  15 16 17
  female: [1, 1, 2, 4, 5, 6, 7, 8, 8, 7, 6, 5, 6, 11, 11, 8, 6, 4],
  male: [1, 1, 2, 4, 6, 8, 10, 10, 10, 10, 10, 10, 8, 7, 5, 4, 3, 2],
};

/** Abuse types in closed cases 2017: violent 1,197, sexual 381, both 73, unknown 14 (domain.md section 4). */
export const abuseTypes2017 = { violence: 1197, sexual: 381, both: 73, unknown: 14 } as const;
/** From 2020 psychological violence is a type too; the share of cases that name it is an assumption. */
export const psychologicalShareFrom2020 = 0.12;

/** Suspects: 2,110 in 1,665 cases in 2017; 1,412 men and 697 women (sources/001). Relations are an assumption (not published in the figures we have). */
export const suspectsPerCase = 2110 / 1665;
export const maleSuspectShare = 1412 / (1412 + 697);
export const suspectRelationWeights = {
  parent: 52,
  'step-parent': 9,
  sibling: 6,
  'other-family': 8,
  acquaintance: 9,
  'other-child': 8,
  professional: 2,
  stranger: 3,
  unknown: 3,
} as const;

/** Case conferences 2017 (sources/001): at least one in 96 % of cases; coordinating in 1,633 of 1,665, follow-up in 28, concluding in 251. */
export const coordinatingConferenceShare = 0.96;
export const followUpConferenceShare = 28 / 1665;
export const concludingConferenceShare = 251 / 1665;

/** Participation in coordinating conferences by house, 2017 (sources/001): municipality 98-100 %, police 18 % (Hovedstaden), 50 % (Midt), 74-75 % (Nord, Sjælland, Syd); paediatrician 85 % (Sjælland), 66 % (Nord), 2-5 % elsewhere; forensic 2 %. */
export const coordinatingParticipation: Readonly<Record<HouseCode, { municipality: number; police: number; paediatrician: number; forensic: number }>> = {
  hovedstaden: { municipality: 0.98, police: 0.18, paediatrician: 0.03, forensic: 0.02 },
  midt: { municipality: 0.99, police: 0.5, paediatrician: 0.04, forensic: 0.02 },
  nord: { municipality: 0.98, police: 0.74, paediatrician: 0.66, forensic: 0.02 },
  sjaelland: { municipality: 0.99, police: 0.75, paediatrician: 0.85, forensic: 0.02 },
  syd: { municipality: 0.98, police: 0.75, paediatrician: 0.03, forensic: 0.02 },
};
/** How a participating sector takes part (attended, written assessment, phone feedback): an assumption. */
export const participationModeWeights = { attended: 80, written: 12, phone: 8 } as const;

/**
 * Services 2017 (sources/001): 7,159 services in 1,412 of 1,665 cases; the houses gave 5,854, the police 1,163 (video)
 * interviews, forensic examinations 56, paediatric examinations 84.
 */
export const casesWithHouseServicesShare = 1412 / 1665;
export const houseServicesPerServedCase = 5854 / 1412;
export const videoInterviewShare = 1163 / 1665;
export const forensicExaminationShare = 56 / 1665;
export const paediatricExaminationShare = 84 / 1665;
export const houseServiceKindWeights = {
  'crisis-conversation': 30,
  'assessment-conversation': 30,
  'play-observation': 8,
  screening: 12,
  'joint-child-conversation': 10,
  'network-meeting': 10,
} as const;

/**
 * Lead time (days from the case being opened to it closing), Børnehus Midt (domain.md section 4, sources/004):
 * 2024: average 130, 46 % within 120 days, 19 % within 90; 2025 (Jan-Oct): average 149, 31 % and 10 %.
 * Years before 2024 use 2024's shape (an assumption).
 */
export const leadTimeTargets = {
  2024: { averageDays: 130, within120: 0.46, within90: 0.19 },
  2025: { averageDays: 149, within120: 0.31, within90: 0.1 },
} as const;
export function leadTimeTarget(year: number) {
  return year >= 2025 ? leadTimeTargets[2025] : leadTimeTargets[2024];
}

/** Assumptions for the flows around the cases (no published figure; chosen to make the reports show something plausible). */
export const assumptions = {
  /** Underretninger a year nationally (domain.md: roughly 150,000). */
  underretningerPerYear: 150_000,
  /** Share of referrals the house rejects, and that the municipality withdraws before the house decides. */
  rejectedReferralShare: 0.05,
  withdrawnReferralShare: 0.02,
  /** Of cases opened: closed interrupted (e.g. the family stops coming) or withdrawn; the rest completed. */
  interruptedShare: 0.07,
  withdrawnCaseShare: 0.03,
  /** Cases handled by a house other than the municipality's default one (2017: Midt 272 cases vs 270 for its region). */
  otherHouseShare: 0.01,
  /** Police video interviews of children who never get a referral, per interview that belongs to a case. */
  notReferredInterviewsPerCaseInterview: 0.25,
  /** Underretninger meeting the three mandatory-referral criteria that never lead to a referral, per referral (the Ankestyrelsen study's gap). */
  mandatoryGapsPerReferral: 0.12,
  /** Consultation outcomes. */
  consultationOutcomeWeights: { 'advice-given': 60, 'referral-recommended': 25, 'no-further-action': 12, other: 3 },
  /** Concerns of the background underretninger (the ones that are not about a referred child). */
  backgroundConcernWeights: { neglect: 40, other: 22, psychological: 14, violence: 14, sexual: 5, 'sexually-concerning-behaviour': 5 },
  underretningSourceWeights: { school: 28, daycare: 12, health: 14, police: 20, citizen: 10, anonymous: 6, family: 6, other: 4 },
  /** Days from the municipality becoming aware to the referral, and from the referral to the house accepting. */
  awareToReferralDays: [3, 45] as const,
  referralToAcceptDays: [0, 14] as const,
} as const;

/**
 * 0-17-year-olds per municipality (FOLK1A, 1st quarter). Region Midtjylland's are the real 2017 figures
 * (fixtures/usage_2017_region_midt.csv); the other regions' are approximations (about 21 % of each
 * municipality's inhabitants), clearly demo values. Other years drift by the municipality's trend.
 */
export const children2017: Readonly<Record<string, number>> = {
  // Region Midtjylland, real (FOLK1A 2017K1)
  710: 11821, 766: 10686, 657: 19224, 661: 12656, 615: 19180, 756: 9223, 665: 3867, 707: 6940, 727: 4849, 730: 20053,
  760: 12493, 741: 554, 740: 20590, 746: 15237, 779: 9381, 671: 4340, 706: 8505, 791: 21395, 751: 62903,
  // Hovedstaden (approximate)
  101: 105000, 147: 19500, 151: 10500, 153: 7700, 155: 3300, 157: 18200, 159: 15000, 161: 4600, 163: 5800, 165: 6000, 167: 11200,
  169: 11300, 173: 12300, 175: 8600, 183: 5300, 185: 8800, 187: 3900, 190: 9300, 201: 6000, 210: 8700, 217: 12500, 219: 11600,
  223: 5300, 230: 13100, 240: 10200, 250: 9400, 260: 6000, 270: 8400, 400: 7200,
  // Sjælland (approximate)
  253: 11300, 259: 13100, 265: 18600, 269: 5400, 306: 6300, 316: 15000, 320: 7600, 326: 9600, 329: 7400, 330: 16200, 336: 4500,
  340: 6300, 350: 6200, 360: 7600, 370: 16900, 376: 11500, 390: 8600,
  // Syddanmark (approximate)
  410: 8300, 420: 8500, 430: 10600, 440: 4900, 450: 6600, 461: 38500, 479: 11700, 480: 6100, 482: 2000, 492: 1000, 510: 11800,
  530: 6000, 540: 15200, 550: 7800, 561: 24400, 563: 700, 573: 10800, 575: 9400, 580: 12300, 607: 10800, 621: 19900, 630: 25300,
  // Nordjylland (approximate)
  773: 4100, 787: 8800, 810: 7900, 813: 11600, 820: 7600, 825: 250, 840: 6700, 846: 8700, 849: 8200, 851: 40600, 860: 13500,
};

/** Closed cases per Region Midtjylland municipality in 2017 (fixtures/usage_2017_region_midt.csv): the house's referral pattern, used as weights. */
export const midtClosedCases2017: Readonly<Record<string, number>> = {
  710: 12, 766: 50, 657: 9, 661: 2, 615: 22, 756: 2, 665: 3, 707: 11, 727: 9, 730: 8, 760: 10, 741: 5, 740: 8, 746: 24, 779: 8, 671: 11, 706: 6, 791: 32, 751: 38,
};

/** House tariffs (DKK per case): 2021 for all houses and Midt 2022 (fixtures/tariffs.csv); other years indexed by 2.5 % a year (an assumption). */
export const publishedTariffs: Readonly<Record<number, Partial<Record<HouseCode, number>>>> = {
  2021: { midt: 12662, nord: 12267, syd: 13477, hovedstaden: 14913, sjaelland: 13817 },
  2022: { midt: 13827 },
};
export const tariffIndexPerYear = 0.025;

/** Police district of each municipality (approximate: the 12 districts' areas, for the video-interview messages). */
export const policeDistrictOfMunicipality: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    nordjylland: [773, 787, 810, 813, 820, 825, 840, 846, 849, 851, 860],
    oestjylland: [751, 730, 706, 707, 710, 727, 741, 746],
    'midt-vestjylland': [657, 661, 665, 671, 740, 756, 760, 779, 791, 561, 563, 573, 575, 530],
    sydoestjylland: [615, 766, 630, 607, 621],
    'syd-soenderjylland': [510, 540, 550, 580],
    fyn: [410, 420, 430, 440, 450, 461, 479, 480, 482, 492],
    'sydsjaelland-lolland-falster': [253, 259, 269, 320, 336, 360, 370, 376, 390],
    'midt-vestsjaelland': [265, 306, 316, 326, 329, 330, 340, 350],
    nordsjaelland: [157, 159, 173, 190, 201, 210, 217, 219, 223, 230, 240, 250, 260, 270],
    'koebenhavns-vestegn': [151, 153, 161, 163, 165, 167, 169, 175, 183, 187],
    koebenhavn: [101, 147, 155, 185],
    bornholm: [400],
  }).flatMap(([district, codes]) => codes.map((code) => [String(code), district])),
);
