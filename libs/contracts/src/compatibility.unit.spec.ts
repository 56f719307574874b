import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { inboundMessageCatalog, integrationEventCatalog, validateIntegrationEventData } from './catalog';
import { incompatibilities, type ReleasedContract } from './compatibility';
import { MandatoryReferralGapOpenedV1, UnderretningReceivedV1 } from './events/referrals.events';
import { CaseConferenceHeldV1, VideoInterviewCorrectedV1 } from './events/sector-coordination.events';

const releasedDir = path.join(__dirname, '../released');
const released: ReleasedContract[] = readdirSync(releasedDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(releasedDir, f), 'utf8')) as ReleasedContract);
const current = [...integrationEventCatalog, ...inboundMessageCatalog];

describe('released contracts (libs/contracts/released, written by npm run contracts:release)', () => {
  it('has a snapshot of every version in the catalog, named by its type', () => {
    const missing = current.map((d) => d.type).filter((t) => !released.some((r) => r.type === t));
    expect({ missing, hint: 'run `npm run contracts:release` to release a new version' }).toEqual({ missing: [], hint: expect.any(String) });
    for (const f of readdirSync(releasedDir).filter((f) => f.endsWith('.json'))) expect(f).toBe(`${(JSON.parse(readFileSync(path.join(releasedDir, f), 'utf8')) as ReleasedContract).type}.json`);
  });

  it.each(released.map((r) => [r.type, r]))('%s: still in the catalog, on its topic, admitting exactly what it was released with', (type, r) => {
    const definition = current.find((d) => d.type === type);
    expect(definition?.topic).toBe(r.topic);
    expect(incompatibilities(r.schema, definition!.schema)).toEqual([]);
  });

  it.each(released.map((r) => [r.type, r]))('%s: its committed sample is valid against the released and the current schema', (type, r) => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(r.schema);
    expect(validate(r.sample) ? [] : validate.errors).toEqual([]);
    expect(validateIntegrationEventData(type, r.sample)).toEqual([]);
  });
});

describe('the compatibility check', () => {
  const schema = UnderretningReceivedV1.schema as Record<string, unknown> & { properties: Record<string, Record<string, unknown>>; required: string[] };
  const withProperties = (edit: (p: Record<string, Record<string, unknown>>) => void) => {
    const copy = structuredClone(schema);
    edit(copy.properties);
    return copy;
  };

  it('finds nothing when only annotations change', () => {
    expect(incompatibilities(schema, withProperties((p) => (p.receivedAt = { ...p.receivedAt, description: 'another wording', examples: ['2025-03-04'] })))).toEqual([]);
    expect(incompatibilities(schema, { ...schema, title: 'Underretning', $comment: 'x' })).toEqual([]);
  });

  const gapOpened = MandatoryReferralGapOpenedV1.schema as Record<string, unknown> & { required: string[] };
  it.each<[string, Record<string, unknown>, string]>([
    ['a field removed', withProperties((p) => delete p.source), '/source: field removed'],
    ['a field renamed', withProperties((p) => { p.origin = p.source; delete p.source; }), '/source: field removed (or renamed to origin)'],
    ['a field retyped', withProperties((p) => (p.childAgeYears = { type: 'string' })), '/childAgeYears: retyped from "integer" to "string"'],
    ['a required field made optional', { ...schema, required: schema.required.filter((f) => f !== 'childSex') }, '/childSex: made optional (a consumer may rely on it)'],
    ['an enum value removed', withProperties((p) => (p.source = { type: 'string', enum: ['school', 'daycare'] })), '/source: enum value removed: "health", "police", "citizen", "anonymous", "family", "other"'],
    ['an enum value removed from array items', withProperties((p) => (p.concerns = { ...p.concerns, items: { type: 'string', enum: ['violence'] } })), '/concerns/items: enum value removed: "sexual", "psychological", "neglect", "sexually-concerning-behaviour", "other"'],
    ['a type narrowed by a bound', withProperties((p) => (p.childAgeYears = { ...p.childAgeYears, maximum: 15 })), '/childAgeYears: maximum changed from 17 to 15'],
    ['a pattern changed', withProperties((p) => (p.municipalityCode = { ...p.municipalityCode, pattern: '^\\d{4}$' })), '/municipalityCode: pattern changed from "^\\\\d{3}$" to "^\\\\d{4}$"'],
    ['a field added', withProperties((p) => (p.legalBasis = { type: 'string' })), '/legalBasis: field added (a consumer on the released schema rejects it)'],
    ['an enum value added', withProperties((p) => (p.source = { ...p.source, enum: [...(p.source.enum as string[]), 'hospital'] })), '/source: enum value added: "hospital" (a consumer on the released schema rejects it)'],
    ['the object opened', { ...schema, additionalProperties: true }, '(root): additionalProperties changed from false to true'],
  ])('fails on %s', (_change, broken, problem) => {
    expect(incompatibilities(schema, broken)).toContain(problem);
  });

  it('fails on a field made required', () => {
    const optionalBefore = { ...gapOpened, required: gapOpened.required.filter((f) => f !== 'openedAt') };
    expect(incompatibilities(optionalBefore, gapOpened)).toEqual(['/openedAt: made required']);
  });

  it('looks into arrays and the objects in them', () => {
    const before = CaseConferenceHeldV1.schema as Record<string, unknown> & { properties: { participants: { items: { properties: { mode: { enum: string[] } } } } } };
    const after = structuredClone(before);
    after.properties.participants.items.properties.mode.enum = after.properties.participants.items.properties.mode.enum.filter((m) => m !== 'phone');
    expect(incompatibilities(before, after)).toEqual(['/participants/items/mode: enum value removed: "phone"']);
    const bounded = structuredClone(VideoInterviewCorrectedV1.schema) as { properties: { changedFields: Record<string, unknown> } };
    bounded.properties.changedFields.minItems = 2;
    expect(incompatibilities(VideoInterviewCorrectedV1.schema, bounded)).toEqual(['/changedFields: minItems changed from 1 to 2']);
  });

  it('fails the released check when a released schema is broken in code', () => {
    const r = released.find((x) => x.type === UnderretningReceivedV1.type)!;
    expect(incompatibilities(r.schema, withProperties((p) => delete p.concerns))).toEqual(['/concerns: field removed']);
  });
});
