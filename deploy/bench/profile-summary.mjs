// Where a benchmark process spent its CPU, by package, from a `--profile DIR` run:
//   node deploy/bench/profile-summary.mjs DIR/<name>.cpuprofile [skip-first-ms (default 3000)] [until-ms]
// (`until-ms`: only the samples up to that many ms after the start, e.g. one phase of a run).
// Each sample counts for the innermost frame of a known package, so time inside Node's Buffer code
// called by kafkajs counts for kafkajs. The first milliseconds (module loading) are left out.
import { readFileSync } from 'node:fs';

const [file, skip = '3000', until = 'Infinity'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node deploy/bench/profile-summary.mjs <file.cpuprofile> [skip-first-ms]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parents = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((c) => [c, n.id])));
const packages = [
  ['kafkajs', /node_modules\/kafkajs\//],
  ['pg driver', /node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-date)\//],
  ['typeorm', /node_modules\/typeorm\//],
  ['Emmett', /node_modules\/@event-driven-io\//],
  ['libs/messaging', /libs\/messaging\//],
  ['libs/event-store', /libs\/event-store\//],
  ['benchmark harness', /deploy\/bench\//],
  ['libs/contracts (schemas, validation)', /libs\/contracts\/|node_modules\/ajv/],
  ['services/reporting', /services\/reporting\//],
  ['NestJS, Express, pino', /node_modules\/(@nestjs|express|body-parser|router|pino|helmet)/],
];

function categoryOf(id) {
  for (let current = id; current !== undefined; current = parents.get(current)) {
    const { functionName, url } = nodes.get(current).callFrame;
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle';
    const known = packages.find(([, pattern]) => pattern.test(url));
    if (known) return known[0];
  }
  return 'Node internals, other';
}

const totals = new Map();
let elapsed = 0;
let counted = 0;
profile.samples.forEach((id, i) => {
  elapsed += profile.timeDeltas[i];
  if (elapsed / 1000 < Number(skip) || elapsed / 1000 > Number(until)) return;
  const category = categoryOf(id);
  totals.set(category, (totals.get(category) ?? 0) + profile.timeDeltas[i]);
  counted += profile.timeDeltas[i];
});
console.log(`${(counted / 1e6).toFixed(1)} s of samples after the first ${skip} ms${until === 'Infinity' ? '' : `, up to ${until} ms`}`);
for (const [category, micros] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`${((100 * micros) / counted).toFixed(1).padStart(5)}%  ${category}`);
