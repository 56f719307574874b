// `npm run bench -- <name> [options]`: runs one benchmark and prints its table. Nothing is written
// to files; copy the results into docs/benchmarks.md with the command line.
const benchmarks = {
  append: () => import('./append.mjs'),
  relay: () => import('./relay.mjs'),
  'kafkajs-encode': () => import('./kafkajs-encode.mjs'),
  'http-ingest': () => import('./http-ingest.mjs'),
  reporting: () => import('./reporting.mjs'),
  'e2e-lag': () => import('./e2e-lag.mjs'),
  soak: () => import('./soak.mjs'),
  summaries: () => import('./summaries.mjs'),
};

const [name, ...argv] = process.argv.slice(2);
if (!benchmarks[name]) {
  console.error(`usage: npm run bench -- <${Object.keys(benchmarks).join('|')}> [options]   (see the header of deploy/bench/<name>.mjs)`);
  process.exit(2);
}
const { run } = await benchmarks[name]();
await run(argv);
