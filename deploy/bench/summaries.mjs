// `npm run bench -- summaries [--years 2] [--scale 0.1] [--seed 1] [--batch 500] [--rounds 3]`
//
// What the summary read models' triggers (ADR 0046) cost the bulk write path that the live
// consumer and a rebuild take: the events of the reporting benchmark (`--years` at `--scale` ×
// national volume) are applied, `--batch` events per transaction in multi-row upserts
// (`applyChangesInBulk`), into fresh generations of each projection side by side in one
// database: one as created (the summaries kept by their triggers), one with the triggers disabled,
// and, for a projection with set tables, one loaded as a rebuild loads it (ADR 0047:
// `createLoadGeneration`, `loadChanges` per batch, then `finishLoad`, timed together).
// The variants are written in turn (the order rotating), `--rounds` times each, so all see the same
// load; then the summaries are checked against a GROUP BY of the facts, and the loaded generation
// against the upserted one, row for row. Needs `npm run build` and PostgreSQL. The write path only:
// no Kafka, no decoding (the rebuild's events/s in `npm run bench -- reporting` include those).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import { cleanUpOnExit, createDatabase, dropDatabases, fmt, machine, median, options, seededRandom, table } from './support.mjs';
import { yearOfEvents } from './reporting.mjs';

const require = createRequire(import.meta.url);
const { projections } = require('../../services/reporting/dist/projections/projections.js');
const { applyChangesInBulk, createGeneration, createLoadGeneration, finishLoad, hasSetTables, loadChanges } = require('../../services/reporting/dist/projections/projection-store.js');
const { summaryBackfillStatement } = require('../../services/reporting/dist/projections/domain/summary-tables.js');

/** Every row of the projection's tables in one schema, by primary key, as one string. */
async function dump(client, projection, schema) {
  const tables = {};
  for (const t of projection.tables) tables[t.name] = (await client.query(`SELECT * FROM "${schema}"."${t.name}" ORDER BY ${t.primaryKey.join(', ')}`)).rows;
  return JSON.stringify(tables);
}

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
      const variants = hasSetTables(projection) ? ['with', 'without', 'loaded'] : ['with', 'without'];
      const timings = Object.fromEntries(variants.map((v) => [v, []]));
      for (let round = 0; round < o.rounds; round++) {
        const dumps = {};
        for (const variant of variants.map((_, i) => variants[(i + round) % variants.length])) {
          const schema = `bench_${projection.name}_${variant}_${round}`;
          const loading = variant === 'loaded';
          await (loading ? createLoadGeneration : createGeneration)(client, projection, schema);
          if (variant === 'without') for (const t of projection.tables.filter((t) => t.summaryOf)) await client.query(`ALTER TABLE "${schema}"."${t.summaryOf.source}" DISABLE TRIGGER USER`);
          const started = process.hrtime.bigint();
          for (const changes of batches) {
            await client.query('BEGIN');
            await (loading ? loadChanges(client, schema, projection, changes) : applyChangesInBulk(client, schema, changes));
            await client.query('COMMIT');
          }
          if (loading) {
            await client.query('BEGIN');
            await finishLoad(client, projection, schema);
            await client.query('COMMIT');
          }
          timings[variant].push(Number(process.hrtime.bigint() - started) / 1e9);
          if (variant !== 'without') dumps[variant] = await dump(client, projection, schema);
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
        if (dumps.loaded !== undefined && dumps.loaded !== dumps.with) throw new Error(`round ${round}: the loaded ${projection.name} generation differs from the upserted one`);
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
        'rebuild load (ADR 0047): events/s': timings.loaded ? fmt.int(mine.length / median(timings.loaded)) : '–',
        'load ÷ summaries kept': timings.loaded ? fmt.ratio(withS / median(timings.loaded)) : '–',
      });
      const eventsPerSecond = mine.length / withS;
      targets.push(`TARGET summaries-${projection.name}-bulk-write: ${fmt.int(eventsPerSecond)} events/s with the summaries kept, ${(withoutS / withS).toFixed(2)} × the same writes without them (target ≥ 30,000 events/s, the rebuilds') ${eventsPerSecond >= 30_000 ? 'met' : 'NOT MET'}`);
      if (timings.loaded) {
        const loaded = mine.length / median(timings.loaded);
        targets.push(`TARGET summaries-${projection.name}-rebuild-load: ${fmt.int(loaded)} events/s loaded and completed, ${fmt.ratio(withS / median(timings.loaded))} the upserts with the summaries kept (target ≥ 30,000 events/s, the rebuilds') ${loaded >= 30_000 ? 'met' : 'NOT MET'}`);
      }
    }
    console.log(table(Object.keys(rows[0]), rows));
    console.log('\n(median of the rounds; each summary checked equal to the GROUP BY of its facts after every "with" round, each loaded generation equal to the upserted one row for row)\n');
    for (const line of targets) console.log(line);
  } finally {
    await client.end();
    await dropDatabases();
  }
}
