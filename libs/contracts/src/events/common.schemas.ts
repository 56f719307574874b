// Schema fragments shared by the integration events. None of them admits personal data:
// a child is known only by `childRef`, the keyed pseudonym of its CPR number, and there is no
// free-text field anywhere (free text could carry a name).
import { abuseTypes, caseKinds, childSexes, houseCodes } from '../vocabulary';

export const enumOf = (values: readonly string[], description?: string) => ({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
export const setOf = (values: readonly string[], description?: string) => ({
  type: 'array',
  uniqueItems: true,
  items: enumOf(values),
  ...(description ? { description } : {}),
});

export const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Europe/Copenhagen calendar date, YYYY-MM-DD' };
export const isoMonth = { type: 'string', pattern: '^\\d{4}-\\d{2}$', description: 'Calendar month, YYYY-MM' };
export const municipalityCode = { type: 'string', pattern: '^\\d{3}$', description: '3-digit municipality code (handlekommune)' };
export const houseCode = enumOf(houseCodes);
export const childRef = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'Keyed pseudonym of the child (HMAC-SHA256 of the CPR); never the CPR itself' };
export const childSex = enumOf(childSexes);
export const childAgeYears = { type: 'integer', minimum: 0, maximum: 17, description: 'Age in whole years at the business date of the event' };
export const identifier = { type: 'string', minLength: 1, maxLength: 100 };
export const uuid = { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' };
export const abuseTypeSet = setOf(abuseTypes, 'Several allowed; empty when not known');
export const caseKind = enumOf(caseKinds, '`abuse`: violence or sexual abuse; `sba`: sexually concerning behaviour');
export const revision = { type: 'integer', minimum: 1, description: 'Starts at 1; a correction carries the next number. The highest revision is the truth.' };
export const nonNegativeInteger = { type: 'integer', minimum: 0 };

/** An object schema that admits exactly the declared properties. */
export function objectSchema(properties: Record<string, unknown>, optional: readonly string[] = []) {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((p) => !optional.includes(p)),
    properties,
  };
}
