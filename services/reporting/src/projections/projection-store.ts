import type { DataSource, EntityManager } from 'typeorm';
import { generationSchema, type ProjectionDefinition, type ProjectionName, projections } from './projections';
import { afterLoadStatements, createTableStatements, loadTableStatements, setDeduplicateStatement, setLoadStatement, setPrimaryKeyStatement } from './domain/projection-tables';
import { bulkUpsertStatements, type RowUpsert, sqlIdentifier, upsertStatement } from './domain/row-change';

/** A QueryRunner (migrations) or an EntityManager (transactions). */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/**
 * Taken shared by every transaction that writes the live generation and exclusively by the swap:
 * a swap waits for running writes and holds new ones back until the pointer has moved.
 */
export const PROJECTION_SWAP_LOCK = 7_201_404_001;

export async function createGeneration(q: Queryable, projection: ProjectionDefinition, schema: string): Promise<void> {
  await q.query(`CREATE SCHEMA ${sqlIdentifier(schema)}`);
  for (const statement of createTableStatements(schema, projection.tables)) await q.query(statement);
}

export async function dropGeneration(q: Queryable, schema: string): Promise<void> {
  await q.query(`DROP SCHEMA IF EXISTS ${sqlIdentifier(schema)} CASCADE`);
}

/** The first generation of every projection (run by the migration). */
export async function createFirstGenerations(q: Queryable): Promise<void> {
  for (const projection of projections) {
    const schema = generationSchema(projection.name, 1);
    await createGeneration(q, projection, schema);
    await q.query(`INSERT INTO projection_generations (projection, generation, live_schema) VALUES ($1, 1, $2)`, [projection.name, schema]);
  }
}

export async function applyChanges(q: Queryable, schema: string, changes: readonly RowUpsert[]): Promise<void> {
  for (const change of changes) {
    const { sql, params } = upsertStatement(schema, change);
    await q.query(sql, params as unknown[]);
  }
}

/** The same effect as `applyChanges`, in as few statements as the changes' shapes allow (for rebuilds). */
export async function applyChangesInBulk(q: Queryable, schema: string, changes: readonly RowUpsert[]): Promise<void> {
  for (const { sql, params } of bulkUpsertStatements(schema, changes)) await q.query(sql, params as unknown[]);
}

/**
 * A generation for a rebuild's load (ADR 0047): its set tables without their primary key and
 * indexes, their summaries without triggers. `loadChanges` writes it, `finishLoad` completes it;
 * until then it can take only `loadChanges`. For a projection without set tables, the same as `createGeneration`.
 */
export async function createLoadGeneration(q: Queryable, projection: ProjectionDefinition, schema: string): Promise<void> {
  await q.query(`CREATE SCHEMA ${sqlIdentifier(schema)}`);
  for (const statement of loadTableStatements(schema, projection.tables)) await q.query(statement);
}

/** Whether a rebuild of the projection loads some of its tables (and must `finishLoad` them). */
export const hasSetTables = (projection: ProjectionDefinition): boolean => projection.tables.some((t) => t.loadedAsSet);

/**
 * A rebuild's write into a generation from `createLoadGeneration`: the changes to each set table
 * appended in one `INSERT … SELECT FROM unnest(…)` (a key may be there twice until `finishLoad`),
 * every other change upserted as `applyChangesInBulk` does.
 */
export async function loadChanges(q: Queryable, schema: string, projection: ProjectionDefinition, changes: readonly RowUpsert[]): Promise<void> {
  const sets = projection.tables.filter((t) => t.loadedAsSet);
  for (const table of sets) {
    const mine = changes.filter((c) => c.table === table.name);
    if (mine.length === 0) continue;
    const { sql, params } = setLoadStatement(schema, table, mine);
    await q.query(sql, params);
  }
  await applyChangesInBulk(
    q,
    schema,
    changes.filter((c) => !sets.some((t) => t.name === c.table)),
  );
}

/**
 * Makes a loaded generation what `createGeneration` and the upserts would have made of the same
 * changes (ADR 0047), in the caller's transaction, with no writer beside it: each set table keeps
 * one row per key and gets its primary key and indexes; each summary of a set table is counted
 * from it and gets its triggers. The primary key is tried first; only if a key is there twice are
 * the duplicates deleted (one pass less for the usual load, where every key came once).
 */
export async function finishLoad(q: Queryable, projection: ProjectionDefinition, schema: string): Promise<void> {
  await q.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const table of projection.tables.filter((t) => t.loadedAsSet)) {
    await q.query('SAVEPOINT set_primary_key');
    try {
      await q.query(setPrimaryKeyStatement(schema, table));
      await q.query('RELEASE SAVEPOINT set_primary_key');
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await q.query('ROLLBACK TO SAVEPOINT set_primary_key');
      await q.query(setDeduplicateStatement(schema, table));
      await q.query(setPrimaryKeyStatement(schema, table));
    }
  }
  for (const statement of afterLoadStatements(schema, projection.tables)) await q.query(statement);
}

const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; driverError?: { code?: string } };
  return (e.code ?? e.driverError?.code) === '23505';
};

export async function liveGenerations(q: Queryable): Promise<Record<ProjectionName, { generation: number; schema: string }>> {
  const rows: { projection: ProjectionName; generation: number; live_schema: string }[] = await q.query(`SELECT projection, generation, live_schema FROM projection_generations`);
  return Object.fromEntries(rows.map((r) => [r.projection, { generation: r.generation, schema: r.live_schema }])) as Record<ProjectionName, { generation: number; schema: string }>;
}

/**
 * Runs report queries in one read-only snapshot, with unqualified table names resolving to the
 * live generation of every projection (the pointer is read in the same snapshot).
 *
 * The snapshot, its search path and the pointer are one round trip, the commit another: on this
 * kind of machine every statement's socket write costs more CPU than most report reads (see
 * docs/benchmarks.md), and a report used to spend six statements on this alone. The projection
 * names are code, not input, so the opening is a plain multi-statement query.
 */
export async function withLiveReadModels<T>(dataSource: DataSource, read: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; ${LIVE_SEARCH_PATH}`);
    try {
      const result = await read(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

const projectionLiterals = projections
  .map(({ name }) => {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`A projection name must be a plain identifier: ${name}`);
    return `'${name}'`;
  })
  .join(', ');

/** Sets the transaction's search path to the live schema of every projection, in the order of `projections`, then public. */
const LIVE_SEARCH_PATH = `SELECT set_config('search_path',
  (SELECT string_agg(quote_ident(live_schema), ', ' ORDER BY array_position(ARRAY[${projectionLiterals}]::text[], projection))
     FROM projection_generations WHERE projection IN (${projectionLiterals})) || ', public', true)`;

/** Every row of a projection's tables in one schema, ordered by primary key: for comparing generations. */
export async function dumpGeneration(q: Queryable, projection: ProjectionDefinition, schema: string): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of projection.tables) {
    dump[table.name] = await q.query(`SELECT * FROM ${sqlIdentifier(schema)}.${sqlIdentifier(table.name)} ORDER BY ${table.primaryKey.map(sqlIdentifier).join(', ')}`);
  }
  return dump;
}
