// Schema fragments shared by the integration events. None of them admits personal data:
// a child is known only by `childRef`, the keyed pseudonym of its CPR number, and there is no
// free-text field anywhere (free text could carry a name).
//
// Each contract is written once, as a JSON Schema in plain JSON (what ajv validates against and
// what docs/asyncapi.yaml shows); its TypeScript type is derived from that schema by `DataOf`
// (json-schema-to-ts, ADR 0012). The fragments are therefore `as const`, and the helpers below keep
// the literal types of what they are given, so that the derived types know every field, every
// enum value and which fields are required.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { abuseTypes, caseKinds, childSexes, houseCodes } from '../vocabulary';

/** The TypeScript type of the data a schema admits (types only: nothing of this exists at run time). */
export type DataOf<S extends JSONSchema> = FromSchema<S>;

/** The schemas of an object's properties, by name. */
export type PropertySchemas = Readonly<Record<string, JSONSchema>>;

export type EnumSchema<V extends readonly string[]> = { readonly type: 'string'; readonly enum: V[number][]; readonly description?: string };
export type SetSchema<V extends readonly string[]> = { readonly type: 'array'; readonly uniqueItems: true; readonly items: EnumSchema<V>; readonly description?: string };
export type ObjectSchema<P extends PropertySchemas, Optional extends string = never> = {
  readonly type: 'object';
  readonly additionalProperties: false;
  readonly required: Exclude<keyof P & string, Optional>[];
  readonly properties: P;
};

export const enumOf = <const V extends readonly string[]>(values: V, description?: string): EnumSchema<V> => ({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
export const setOf = <const V extends readonly string[]>(values: V, description?: string): SetSchema<V> => ({
  type: 'array',
  uniqueItems: true,
  items: enumOf(values),
  ...(description ? { description } : {}),
});

export const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Europe/Copenhagen calendar date, YYYY-MM-DD' } as const;
export const isoMonth = { type: 'string', pattern: '^\\d{4}-\\d{2}$', description: 'Calendar month, YYYY-MM' } as const;
export const municipalityCode = { type: 'string', pattern: '^\\d{3}$', description: '3-digit municipality code (handlekommune)' } as const;
export const houseCode = enumOf(houseCodes);
export const childRef = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'Keyed pseudonym of the child (HMAC-SHA256 of the CPR); never the CPR itself' } as const;
export const childSex = enumOf(childSexes);
export const childAgeYears = { type: 'integer', minimum: 0, maximum: 17, description: 'Age in whole years at the business date of the event' } as const;
/**
 * A site of a house (reference data `house_sites.csv`, ADR 0075): `<house>-<place>`, e.g.
 * `midt-herning`. A pattern, not an enum, so that a house opening a site is a row of reference
 * data, not a new version of every event that names a site.
 */
export const siteCode = { type: 'string', pattern: '^[a-z]{2,20}(-[a-z]{2,20}){1,2}$', description: "A site of the house (reference data house_sites.csv): '<house>-<place>', e.g. midt-herning" } as const;
export const identifier = { type: 'string', minLength: 1, maxLength: 100 } as const;
/** An id a municipality gives (underretning, referral): unique only together with the event's municipalityCode (ADR 0095). */
export const municipalityGivenId = { ...identifier, description: "The municipality's own id: unique together with municipalityCode, not on its own (ADR 0095)" } as const;
/** An id a police system gives (video interview): unique only together with the event's policeDistrict (ADR 0095). */
export const policeGivenId = { ...identifier, description: "The police system's own id: unique together with policeDistrict, not on its own (ADR 0095)" } as const;
export const uuid = { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } as const;
export const abuseTypeSet = setOf(abuseTypes, 'Several allowed; empty when not known');
export const caseKind = enumOf(caseKinds, '`abuse`: violence or sexual abuse; `sba`: sexually concerning behaviour');
export const revision = { type: 'integer', minimum: 1, description: 'Starts at 1; a correction carries the next number. The highest revision is the truth.' } as const;
export const nonNegativeInteger = { type: 'integer', minimum: 0 } as const;

/** An object schema that admits exactly the declared properties; all are required but the `optional` ones. */
export function objectSchema<const P extends PropertySchemas, const O extends readonly (keyof P & string)[] = []>(properties: P, optional?: O): ObjectSchema<P, O[number]> {
  const notRequired: readonly string[] = optional ?? [];
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((p) => !notRequired.includes(p)) as Exclude<keyof P & string, O[number]>[],
    properties,
  };
}

/** The same schema for each of the names, in their order (e.g. several optional dates). */
export function eachOf<const K extends readonly string[], const S extends JSONSchema>(names: K, schema: S): { readonly [N in K[number]]: S } {
  return Object.fromEntries(names.map((name) => [name, schema])) as { readonly [N in K[number]]: S };
}

/** The names of an object schema's properties, in the order the schema declares them. */
export const fieldsOf = <P extends PropertySchemas>(schema: { readonly properties: P }): readonly (keyof P & string)[] => Object.keys(schema.properties) as (keyof P & string)[];
