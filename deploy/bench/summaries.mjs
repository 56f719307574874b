// `npm run bench -- summaries [--years 2] [--scale 0.1] [--seed 1] [--batch 500] [--rounds 3]`
//
// What the summary read models' triggers (ADR 0046) cost the bulk write path that the live
// consumer and a rebuild take: the events of the reporting benchmark (`--years` at `--scale` ×
// national volume) are applied, `--batch` events per transaction in multi-row upserts
// (`applyChangesInBulk`), into two fresh generations of each projection side by side in one
// database: one as created (the summaries kept by their triggers), one with the triggers disabled.
// The two are written alternately, `--rounds` times each, so both see the same load; then both
// summaries are checked against a GROUP BY of the facts. Needs `npm run build` and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import { cleanUpOnExit, createDatabase, dropDatabases, fmt, machine, median, options, seededRandom, table } from './support.mjs';
import { yearOfEvents } from './reporting.mjs';

const require = createRequire(import.meta.url);
const { projections } = require('../../services/reporting/dist/projections/projections.js');
const { applyChangesInBulk, createGeneration } = require('../../services/reporting/dist/projections/projection-store.js');
const { summaryBackfillStatement } = require('../../services/reporting/dist/projections/domain/summary-tables.js');

export async function run(argv) {
  const o = options(argv, { years: 2, scale: 0.1, seed: 1, batch: 500, rounds: 3, lastYear: 2025 });
  cleanUpOnExit(dropDatabases);
  console.log(`# summary triggers on the bulk write path: ${o.years} years to ${o.lastYear}, scale ${o.scale}, ${o.batch} events per transaction\n# ${machine()}\n`);
  const random = seededRandom(o.seed);
  const events = [];
  for (let year = o.lastYear - o.years + 1; year <= o.lastYear; year++) {
    for (const [definition, data] of yearOfEvents(year, o.scale, random, `${o.lastYear}-12-31`)) events.push({ id: randomUUID(), type: definition.type, source: definition.source, time: new Date().toISOString(), data });
  }
  const database = await createDatabase('summaries');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const rows = [];
    const targets = [];
    for (const projection of projections.filter((p) => p.tables.some((t) => t.summaryOf))) {
      const mine = events.filter((e) => projection.eventTypes.includes(e.type));
      const batches = [];
      for (let i = 0; i < mine.length; i += o.batch) batches.push(mine.slice(i, i + o.batch).flatMap((e) => projection.changes(e)));
      const rowChanges = batches.reduce((n, b) => n + b.length, 0);
      const timings = { with: [], without: [] };
      for (let round = 0; round < o.rounds; round++) {
        for (const variant of round % 2 === 0 ? ['with', 'without'] : ['without', 'with']) {
          const schema = `bench_${projection.name}_${variant}_${round}`;
          await createGeneration(client, projection, schema);
          if (variant === 'without') for (const t of projection.tables.filter((t) => t.summaryOf)) await client.query(`ALTER TABLE "${schema}"."${t.summaryOf.source}" DISABLE TRIGGER USER`);
          const started = process.hrtime.bigint();
          for (const changes of batches) {
            await client.query('BEGIN');
            await applyChangesInBulk(client, schema, changes);
            await client.query('COMMIT');
          }
          timings[variant].push(Number(process.hrtime.bigint() - started) / 1e9);
          if (variant === 'with') {
            for (const t of projection.tables.filter((t) => t.summaryOf)) {
              const kept = await client.query(`SELECT * FROM "${schema}"."${t.name}" ORDER BY ${t.primaryKey.join(', ')}`);
              await client.query(`TRUNCATE "${schema}"."${t.name}"`);
              await client.query(summaryBackfillStatement(schema, t.summaryOf));
              const counted = await client.query(`SELECT * FROM "${schema}"."${t.name}" ORDER BY ${t.primaryKey.join(', ')}`);
              if (JSON.stringify(kept.rows) !== JSON.stringify(counted.rows)) throw new Error(`${schema}.${t.name} differs from the GROUP BY of its facts`);
            }
          }
          await client.query(`DROP SCHEMA "${schema}" CASCADE`);
        }
      }
      const withS = median(timings.with);
      const withoutS = median(timings.without);
      rows.push({
        projection: projection.name,
        events: fmt.int(mine.length),
        'row changes': fmt.int(rowChanges),
        'triggers off: s': withoutS.toFixed(2),
        'triggers off: events/s': fmt.int(mine.length / withoutS),
        'summaries kept: s': withS.toFixed(2),
        'summaries kept: events/s': fmt.int(mine.length / withS),
        'cost of the summaries': `${(((withS - withoutS) / withoutS) * 100).toFixed(0)} %`,
      });
      const eventsPerSecond = mine.length / withS;
      targets.push(`TARGET summaries-${projection.name}-bulk-write: ${fmt.int(eventsPerSecond)} events/s with the summaries kept, ${(withoutS / withS).toFixed(2)} × the same writes without them (target ≥ 30,000 events/s, the rebuilds') ${eventsPerSecond >= 30_000 ? 'met' : 'NOT MET'}`);
    }
    console.log(table(Object.keys(rows[0]), rows));
    console.log('\n(median of the rounds; each summary checked equal to the GROUP BY of its facts after every "with" round)\n');
    for (const line of targets) console.log(line);
  } finally {
    await client.end();
    await dropDatabases();
  }
}
