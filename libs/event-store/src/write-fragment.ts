/**
 * A write that joins a command's one statement (ADR 0091): named common-table-expression members,
 * each a data-modifying SQL statement, with parameters numbered from $1 within the fragment. Names
 * must be unique within a command (prefix them with what they write). Commands on other streams may
 * share the statement (ADR 0085), so a fragment writes only rows that belong to its command's stream.
 */
export interface WriteFragment {
  parts: { name: string; sql: string }[];
  params: unknown[];
}

/**
 * Joins fragments into one statement, `WITH a AS (...), b AS (...) SELECT 1`, renumbering each
 * fragment's parameters after the ones before it. PostgreSQL runs every data-modifying member
 * exactly once, whether or not another refers to it, and all of them or none.
 */
export function joinWrites(fragments: readonly WriteFragment[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const members: string[] = [];
  for (const fragment of fragments) {
    const offset = params.length;
    for (const part of fragment.parts) members.push(`${part.name} AS (${part.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`);
    params.push(...fragment.params);
  }
  return { sql: `WITH ${members.join(',\n')} SELECT 1`, params };
}
