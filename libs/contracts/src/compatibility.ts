// The compatibility check of a released contract (ADR 0013): what a released version's schema
// admits may not change. Our schemas are closed (additionalProperties: false) and consumers validate
// what they receive, so a change either way breaks someone: narrowing (a field removed, renamed,
// retyped or made required, an enum value removed, a bound tightened) makes the history on the
// topics, which is kept forever, invalid; widening (a field or enum value added, a bound loosened)
// makes what a producer now sends invalid to a consumer still on the released schema. Only
// annotations (description, title, examples, $comment) may change. Anything else is a new version.

type Schema = Readonly<Record<string, unknown>>;

/** Keywords that say nothing about what a schema admits. */
const annotations = new Set(['description', 'title', 'examples', '$comment']);

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const at = (path: string) => path || '(root)';
const list = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** Every way `current` admits other data than `released`, one line each; empty when compatible. */
export function incompatibilities(released: Schema, current: Schema, path = ''): string[] {
  const problems: string[] = [];
  const keywords = new Set([...Object.keys(released), ...Object.keys(current)].filter((k) => !annotations.has(k)));
  for (const keyword of keywords) {
    const before = released[keyword];
    const after = current[keyword];
    if (keyword === 'properties') {
      problems.push(...propertyChanges((before ?? {}) as Record<string, Schema>, (after ?? {}) as Record<string, Schema>, path));
    } else if (keyword === 'required') {
      const was = (before ?? []) as string[];
      const is = (after ?? []) as string[];
      for (const f of is.filter((f) => !was.includes(f))) problems.push(`${path}/${f}: made required`);
      for (const f of was.filter((f) => !is.includes(f))) problems.push(`${path}/${f}: made optional (a consumer may rely on it)`);
    } else if (keyword === 'enum') {
      const was = (before ?? []) as unknown[];
      const is = (after ?? []) as unknown[];
      const removed = was.filter((v) => !is.includes(v));
      const added = is.filter((v) => !was.includes(v));
      if (removed.length > 0) problems.push(`${at(path)}: enum value removed: ${list(removed)}`);
      if (added.length > 0) problems.push(`${at(path)}: enum value added: ${list(added)} (a consumer on the released schema rejects it)`);
    } else if (keyword === 'type') {
      if (JSON.stringify(before) !== JSON.stringify(after)) problems.push(`${at(path)}: retyped from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
    } else if (isSchema(before) && isSchema(after)) {
      problems.push(...incompatibilities(before, after, `${path}/${keyword}`));
    } else if (JSON.stringify(before) !== JSON.stringify(after)) {
      problems.push(`${at(path)}: ${keyword} changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
    }
  }
  return problems;
}

function propertyChanges(released: Record<string, Schema>, current: Record<string, Schema>, path: string): string[] {
  const problems: string[] = [];
  const removed = Object.keys(released).filter((f) => !(f in current));
  const added = Object.keys(current).filter((f) => !(f in released));
  for (const f of removed) problems.push(`${path}/${f}: field removed${added.length > 0 ? ` (or renamed to ${added.join(' or ')})` : ''}`);
  for (const f of added) problems.push(`${path}/${f}: field added (a consumer on the released schema rejects it)`);
  for (const f of Object.keys(released).filter((f) => f in current)) problems.push(...incompatibilities(released[f], current[f], `${path}/${f}`));
  return problems;
}

/** What `npm run contracts:release` keeps of a version (libs/contracts/released/<type>.json); never rewritten once there. */
export interface ReleasedContract {
  type: string;
  topic: string;
  schema: Schema;
  /** A sample of the data, checked against the released and the current schema in the unit tests. */
  sample: unknown;
}

export const releasedContractOf = (definition: { type: string; topic: string; schema: Schema; example: unknown }): ReleasedContract => ({
  type: definition.type,
  topic: definition.topic,
  schema: definition.schema,
  sample: definition.example,
});
