// Schema fragments shared by the integration events. None of them admits personal data:
// a child is known only by `childRef`, the keyed pseudonym of its CPR number.
import { abuseTypes, childSexes, concerns, houseCodes, underretningSources } from '../vocabulary';

export const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Europe/Copenhagen calendar date, YYYY-MM-DD' };
export const municipalityCode = { type: 'string', pattern: '^\\d{3}$', description: '3-digit municipality code (handlekommune)' };
export const houseCode = { type: 'string', enum: [...houseCodes] };
export const childRef = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'Keyed pseudonym of the child (HMAC-SHA256 of the CPR); never the CPR itself' };
export const childSex = { type: 'string', enum: [...childSexes] };
export const childAgeYears = { type: 'integer', minimum: 0, maximum: 17, description: 'Age in whole years at the business date of the event' };
export const identifier = { type: 'string', minLength: 1, maxLength: 100 };
export const uuid = { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' };
export const abuseType = { type: 'string', enum: [...abuseTypes] };
export const concern = { type: 'string', enum: [...concerns] };
export const underretningSource = { type: 'string', enum: [...underretningSources] };
