/**
 * The rows of a `DELETE ... RETURNING` or `UPDATE ... RETURNING`: TypeORM's PostgreSQL `query()`
 * answers those two with `[rows, affectedCount]` instead of the rows (INSERT and SELECT give rows).
 */
export function returnedRows<Row = unknown>(result: unknown): Row[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as Row[];
  return result as Row[];
}
