// `npm run docs`: writes the generated documents, which the test suite checks are current:
//   docs/asyncapi.yaml            from libs/contracts (every topic and event)
//   docs/openapi/<service>.json   each service's OpenAPI, built without a database or Kafka
//   docs/adr/README.md            the index of the ADRs
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const write = (file, text) => {
  writeFileSync(path.join(repoRoot, file), text);
  console.log(`wrote ${file}`);
};

const { asyncApiYaml } = require('../libs/contracts/dist/asyncapi/asyncapi.yaml.js');
write('docs/asyncapi.yaml', asyncApiYaml());

const { openApiJsonOf } = require('../libs/api-docs/dist/index.js');
mkdirSync(path.join(repoRoot, 'docs/openapi'), { recursive: true });
for (const service of ['referrals', 'case-lifecycle', 'sector-coordination', 'reporting']) {
  write(`docs/openapi/${service}.json`, await openApiJsonOf(service));
}

await import('./adr-index.mjs');
