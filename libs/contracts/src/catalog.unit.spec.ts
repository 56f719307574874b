import { integrationEventCatalog, validateIntegrationEventData } from './catalog';
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

  it('rejects unknown types', () => {
    expect(validateIntegrationEventData('dk.sagsspor.nope.v1', {})).toEqual(["unknown event type 'dk.sagsspor.nope.v1'"]);
  });

  it('derives dead-letter topics', () => {
    expect(deadLetterTopicOf(Topics.referralsEvents)).toBe('sagsspor.referrals.events.v1.dlq');
  });
});
