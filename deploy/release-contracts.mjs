// `npm run contracts:release`: keeps a snapshot of every public event version and inbound message
// not released yet (libs/contracts/released/<type>.json: its schema and a sample). A snapshot is
// never overwritten: it is what the version promised, and the compatibility test in libs/contracts
// fails when the contract in code no longer admits exactly what its snapshot does (ADR 0013).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { integrationEventCatalog, inboundMessageCatalog, releasedContractOf } = require('../libs/contracts/dist/index.js');
const releasedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../libs/contracts/released');
mkdirSync(releasedDir, { recursive: true });

let added = 0;
for (const definition of [...integrationEventCatalog, ...inboundMessageCatalog]) {
  const file = path.join(releasedDir, `${definition.type}.json`);
  if (existsSync(file)) continue;
  writeFileSync(file, `${JSON.stringify(releasedContractOf(definition), null, 2)}\n`);
  console.log(`released ${definition.type}`);
  added += 1;
}
console.log(added === 0 ? 'every version is released already; nothing written' : `${added} new version(s) released in libs/contracts/released/`);
