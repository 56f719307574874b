import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from '@asyncapi/parser';
import { parse } from 'yaml';
import { integrationEventCatalog } from '../catalog';
import { deadLetterTopicOf, topicDeclarationOf, Topics } from '../topics';
import { buildAsyncApiDocument, kafkaChannelBinding } from './asyncapi.document';
import { supersededVersions } from '../versions';
import { asyncApiYaml } from './asyncapi.yaml';

const committed = path.resolve(__dirname, '../../../../docs/asyncapi.yaml');

describe('docs/asyncapi.yaml', () => {
  it('is what the contracts generate (run `npm run docs` after changing a contract)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(asyncApiYaml());
  });

  it('parses as AsyncAPI 3 with no errors and describes every integration event', async () => {
    const { document, diagnostics } = await new Parser().parse(readFileSync(committed, 'utf8'));
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    const names = document!.allMessages().all().map((m) => m.name());
    for (const definition of integrationEventCatalog) expect(names).toContain(definition.type);
  });

  it('lists a superseded version beside its successor, on the same channel, marked deprecated with its window', async () => {
    const { document } = await new Parser().parse(readFileSync(committed, 'utf8'));
    const messages = document!.allMessages().all();
    for (const v of supersededVersions) {
      const old = messages.find((m) => m.name() === v.superseded.type)!;
      const next = messages.find((m) => m.name() === v.by.type)!;
      expect(old.extensions().get('x-sagsspor-deprecation')?.value()).toEqual({ supersededBy: v.by.type, publishedUntil: v.publishedUntil });
      expect(old.description()).toContain(`until ${v.publishedUntil}`);
      expect(next.description()).toContain(`Replaces \`${v.superseded.type}\``);
      expect(old.channels().all().map((c) => c.address())).toEqual(next.channels().all().map((c) => c.address()));
    }
  });

  it('has a companion for police integrators (docs/asyncapi-police-inbound.yaml) that parses with no errors', async () => {
    const police = path.resolve(__dirname, '../../../../docs/asyncapi-police-inbound.yaml');
    const { document, diagnostics } = await new Parser().parse(readFileSync(police, 'utf8'));
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document!.allMessages().all().map((m) => m.name())).toContain('dk.politi.video-interview.v1');
  });

  // The companion is written by hand: what it says about the topics and the headers is checked
  // against the one declaration (ADR 0097) and against what docs/asyncapi.yaml says of the same topic.
  it('says of the police topics what their declaration says (partitions, retention, cleanup policy), and requires the headers the generated document requires', () => {
    type Channel = { address: string; bindings: unknown };
    const police = parse(readFileSync(path.resolve(__dirname, '../../../../docs/asyncapi-police-inbound.yaml'), 'utf8')) as {
      channels: Record<string, Channel>;
      components: { schemas: { PoliceCloudEventHeaders: { required: string[] } } };
    };
    const topics = [Topics.inboundPoliceVideoInterviews, deadLetterTopicOf(Topics.inboundPoliceVideoInterviews)];
    for (const topic of topics) {
      const channel = Object.values(police.channels).find((c) => c.address === topic);
      expect({ topic, bindings: channel?.bindings }).toEqual({ topic, bindings: kafkaChannelBinding(topicDeclarationOf(topic)) });
    }
    const generated = buildAsyncApiDocument({ version: 'test' }) as { components: { schemas: { InboundCloudEventHeaders: { required: string[] } } } };
    expect([...police.components.schemas.PoliceCloudEventHeaders.required].sort()).toEqual([...generated.components.schemas.InboundCloudEventHeaders.required].sort());
  });
});
