import { inboundMessageCatalog, integrationEventCatalog, validateIntegrationEventData, validateIntegrationEventField } from './catalog';
import { PoliceVideoInterviewMessageV1 } from './inbound/police-video-interview.message';
import { deadLetterTopicOf, Topics } from './topics';

describe('integration event catalog', () => {
  it.each(integrationEventCatalog.map((d) => [d.type, d]))('%s: its example is valid against its schema', (_type, definition) => {
    expect(validateIntegrationEventData(definition.type, definition.example)).toEqual([]);
  });

  it('has one definition per type, each versioned and on a versioned topic', () => {
    const types = integrationEventCatalog.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const d of integrationEventCatalog) {
      expect(d.type).toMatch(/^dk\.sagsspor\.[a-z-]+\.[a-z-]+\.v\d+$/);
      expect(d.topic).toMatch(/^sagsspor\.[a-z-]+\.events\.v\d+$/);
    }
  });

  it('rejects personal data: no schema admits a property beyond those it declares', () => {
    for (const d of integrationEventCatalog) {
      const withCpr = { ...(d.example as object), childCpr: '010118-1234' };
      expect(validateIntegrationEventData(d.type, withCpr)).toContain('(root) must NOT have additional properties');
    }
  });

  it('names each bad field', () => {
    const problems = validateIntegrationEventData('dk.sagsspor.referrals.underretning-received.v1', {
      underretningId: 'x', municipalityCode: '75', childRef: 'nope', childSex: 'female', childAgeYears: 18,
      receivedAt: '2025-3-4', concerns: ['violence'], source: 'school',
    });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\/municipalityCode /), expect.stringMatching(/^\/childRef /),
      expect.stringMatching(/^\/childAgeYears /), expect.stringMatching(/^\/receivedAt /),
    ]));
  });

  it('checks one field against its own schema', () => {
    const type = 'dk.sagsspor.referrals.underretning-received.v1';
    expect(validateIntegrationEventField(type, 'receivedAt', '2025-03-04')).toEqual([]);
    expect(validateIntegrationEventField(type, 'receivedAt', 20250304)).toEqual(['receivedAt must be string']);
    expect(validateIntegrationEventField(type, 'concerns', ['violence', 'nope'])).toEqual(['concerns/1 must be equal to one of the allowed values']);
    expect(validateIntegrationEventField(type, 'childCpr', 'x')).toEqual([`'childCpr' is not a field of '${type}'`]);
    expect(validateIntegrationEventField('dk.sagsspor.nope.v1', 'x', 1)).toEqual(["'x' is not a field of 'dk.sagsspor.nope.v1'"]);
  });

  it('rejects unknown types', () => {
    expect(validateIntegrationEventData('dk.sagsspor.nope.v1', {})).toEqual(["unknown event type 'dk.sagsspor.nope.v1'"]);
  });

  it('derives dead-letter topics', () => {
    expect(deadLetterTopicOf(Topics.referralsEvents)).toBe('sagsspor.referrals.events.v1.dlq');
  });

  it('declares no property that could hold a name or a clear CPR', () => {
    const propertyNames = (schema: unknown): string[] => {
      if (!schema || typeof schema !== 'object') return [];
      const s = schema as { properties?: Record<string, unknown>; items?: unknown };
      return [...Object.keys(s.properties ?? {}), ...Object.values(s.properties ?? {}).flatMap(propertyNames), ...propertyNames(s.items)];
    };
    for (const d of integrationEventCatalog) {
      expect(propertyNames(d.schema).filter((p) => /cpr|name|note|text|comment/i.test(p))).toEqual([]);
    }
  });
});

describe('inbound police video-interview message', () => {
  const example = PoliceVideoInterviewMessageV1.example;

  it('has a valid example and is kept apart from the events we publish', () => {
    expect(validateIntegrationEventData(PoliceVideoInterviewMessageV1.type, example)).toEqual([]);
    expect(inboundMessageCatalog).toContain(PoliceVideoInterviewMessageV1);
    expect(integrationEventCatalog).not.toContain(PoliceVideoInterviewMessageV1);
  });

  it('refuses a clear CPR: the CPR must travel as a compact JWE', () => {
    const { childCprEncrypted: _jwe, ...rest } = example;
    expect(validateIntegrationEventData(PoliceVideoInterviewMessageV1.type, { ...rest, childCpr: '020416-4002' })).toEqual(
      expect.arrayContaining(['(root) must NOT have additional properties', "(root) must have required property 'childCprEncrypted'"]),
    );
    expect(validateIntegrationEventData(PoliceVideoInterviewMessageV1.type, { ...example, childCprEncrypted: '020416-4002' })).toEqual([
      expect.stringMatching(/^\/childCprEncrypted must match pattern/),
    ]);
  });
});
