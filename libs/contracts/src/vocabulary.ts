// Shared vocabulary of the public contracts (api.md). Codes, never free text.
export const houseCodes = ['hovedstaden', 'sjaelland', 'syd', 'midt', 'nord'] as const;
export type HouseCode = (typeof houseCodes)[number];

export const childSexes = ['female', 'male'] as const;
export type ChildSex = (typeof childSexes)[number];

export const concerns = ['violence', 'sexual', 'psychological', 'neglect', 'sexually-concerning-behaviour', 'other'] as const;
export type Concern = (typeof concerns)[number];

export const underretningSources = ['school', 'daycare', 'health', 'police', 'citizen', 'anonymous', 'family', 'other'] as const;
export type UnderretningSource = (typeof underretningSources)[number];

export const abuseTypes = ['violence', 'sexual', 'psychological'] as const;
export type AbuseType = (typeof abuseTypes)[number];
