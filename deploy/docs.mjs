// `npm run docs`: writes the generated documents (docs/asyncapi.yaml from libs/contracts).
// Run after `npm run build`; the test suite checks the committed files are current.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { asyncApiYaml } = require('../libs/contracts/dist/asyncapi/asyncapi.yaml.js');

writeFileSync(path.join(repoRoot, 'docs/asyncapi.yaml'), asyncApiYaml());
console.log('wrote docs/asyncapi.yaml');
