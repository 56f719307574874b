import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import { Json } from '@stoplight/spectral-parsers';
import owasp from '@stoplight/spectral-owasp-ruleset';
import { oas } from '@stoplight/spectral-rulesets';
import { openApiJsonOf, serviceNames } from './index';
import { unboundedAnswerArrays } from './owasp-exceptions';

const repoRoot = path.resolve(__dirname, '../../..');
const committed = (service: string) => path.join(repoRoot, 'docs/openapi', `${service}.json`);

/** Spectral's OpenAPI rules and the OWASP API Security rules (recommended), switched off only where ADR 0098 says. */
const ruleset = new Ruleset(
  {
    extends: [
      [oas as never, 'recommended'],
      [owasp as never, 'recommended'],
    ],
    overrides: unboundedAnswerArrays.map(({ service, pointer }) => ({ files: [`docs/openapi/${service}.json#${pointer}`], rules: { 'owasp:api4:2023-array-limit': 'off' as const } })),
  },
  { source: path.join(repoRoot, '.spectral.json') },
);

describe.each([...serviceNames])('docs/openapi/%s.json', (service) => {
  it('is what the service code generates (run `npm run docs` after changing an endpoint)', async () => {
    expect(readFileSync(committed(service), 'utf8')).toBe(await openApiJsonOf(service));
  });

  it('passes Spectral\'s OpenAPI rules and the OWASP API Security rules with no errors (switched off only where ADR 0098 says)', async () => {
    const spectral = new Spectral();
    spectral.setRuleset(ruleset);
    const results = await spectral.run(new Document(readFileSync(committed(service), 'utf8'), Json, committed(service)));
    const errors = results.filter((r) => r.severity === 0).map((r) => `${r.path.join('.')}: ${r.code}`);
    expect(errors).toEqual([]);
  });
});

describe('the OWASP exceptions of ADR 0098', () => {
  it.each(unboundedAnswerArrays.map((e) => [e.service, e.pointer] as const))('%s %s is an array in the document and is listed in the ADR', (service, pointer) => {
    const document = JSON.parse(readFileSync(committed(service), 'utf8')) as unknown;
    const node = pointer
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], document) as { type?: string; maxItems?: number } | undefined;
    expect(node).toMatchObject({ type: 'array' });
    expect(node?.maxItems).toBeUndefined();
    expect(readFileSync(path.join(repoRoot, 'docs/adr/0098-openapi-owasp-ruleset.md'), 'utf8')).toContain(`${service} \`${pointer}\``);
  });
});
