import { integrationEventCatalog } from './catalog';
import { subscriptions } from './subscriptions';
import { deadLetterTopicOf, topicDeclarationOf, topicDeclarations, Topics } from './topics';

describe('topicDeclarations: every topic, declared once (ADR 0097)', () => {
  it('declares every topic of the contracts and its dead-letter topic, each once, and nothing else', () => {
    const used = new Set([...Object.values(Topics), ...integrationEventCatalog.map((d) => d.topic), ...subscriptions.map((s) => s.topic)]);
    const names = topicDeclarations.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual([...used].flatMap((t) => [t, deadLetterTopicOf(t)]).sort());
  });

  it('keeps the event topics and their dead letters forever: the integration log (ADR 0051)', () => {
    for (const d of topicDeclarations.filter((t) => !t.name.startsWith('sagsspor.inbound.'))) expect([d.name, d.retentionMs]).toEqual([d.name, -1]);
  });

  it('deletes what arrives on an inbound topic, with its encrypted CPRs, within 30 days (ADR 0081): the police topic 7, its dead letters 30', () => {
    for (const d of topicDeclarations.filter((t) => t.name.startsWith('sagsspor.inbound.'))) expect(d.retentionMs > 0 && d.retentionMs <= 30 * 86_400_000).toBe(true);
    expect(topicDeclarationOf(Topics.inboundPoliceVideoInterviews).retentionMs).toBe(7 * 86_400_000);
    expect(topicDeclarationOf(deadLetterTopicOf(Topics.inboundPoliceVideoInterviews)).retentionMs).toBe(30 * 86_400_000);
  });

  it('never compacts, and refuses a topic nobody declared', () => {
    expect(topicDeclarations.every((d) => d.cleanupPolicy === 'delete')).toBe(true);
    expect(() => topicDeclarationOf('sagsspor.planned.events.v1')).toThrow(/not declared/);
  });
});
