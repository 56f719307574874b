import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Document, Spectral } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import owasp from '@stoplight/spectral-owasp-ruleset';
import { oas } from '@stoplight/spectral-rulesets';
import { openApiJsonOf, serviceNames } from './index';

const committed = (service: string) => path.resolve(__dirname, '../../../docs/openapi', `${service}.json`);

describe.each([...serviceNames])('docs/openapi/%s.json', (service) => {
  it('is what the service code generates (run `npm run docs` after changing an endpoint)', async () => {
    expect(readFileSync(committed(service), 'utf8')).toBe(await openApiJsonOf(service));
  });

  it('passes Spectral\'s OpenAPI rules and the OWASP API Security rules with no errors (none switched off: ADR 0098)', async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as never, 'recommended'], [owasp as never, 'recommended']] });
    const results = await spectral.run(new Document(readFileSync(committed(service), 'utf8'), Json, committed(service)));
    const errors = results.filter((r) => r.severity === 0).map((r) => `${r.path.join('.')}: ${r.code} ${r.message}`);
    expect(errors).toEqual([]);
  });
});
