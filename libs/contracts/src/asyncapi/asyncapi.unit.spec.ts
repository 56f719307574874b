import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from '@asyncapi/parser';
import { integrationEventCatalog } from '../catalog';
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

  it('has a companion for police integrators (docs/asyncapi-police-inbound.yaml) that parses with no errors', async () => {
    const police = path.resolve(__dirname, '../../../../docs/asyncapi-police-inbound.yaml');
    const { document, diagnostics } = await new Parser().parse(readFileSync(police, 'utf8'));
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document!.allMessages().all().map((m) => m.name())).toContain('dk.politi.video-interview.v1');
  });
});
