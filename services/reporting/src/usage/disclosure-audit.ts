import loadHighs from 'highs';
import { isProtected, type Range, type SuppressionDecision, type SuppressionKind, type SuppressionOptions, type TableCell, TotalsTree } from './domain/suppression';

// The independent check of a suppression (ADR 0044): every hidden cell's feasible interval by
// linear programming, with HiGHS compiled to WebAssembly, knowing nothing of the interval
// propagation that chose the cells. One integer program over all the year's linked tables: a
// variable per cell; a total equals the sum of each of its breakdowns; a shown cell (or one a
// reader already has from an earlier publication) is fixed at its count; a primary cell lies in
// 0..threshold-1; a secondary cell is threshold or more. Each hidden cell is minimised and
// maximised over that. The table fails if a primary cell's interval is narrower than
// 0..threshold-1 or a secondary cell's is one value.

export interface AuditedCell {
  id: string;
  /** The row's name, where the audit is published with the tables. */
  name?: string;
  kind: SuppressionKind;
  /** The cells a secondary cell keeps from being narrowed. */
  protects: string[];
  /** What a reader can work out of the cell: its smallest and largest possible count (max null: no upper bound). */
  interval: { min: number; max: number | null };
  protected: boolean;
}

export interface DisclosureAudit {
  method: string;
  threshold: number;
  passed: boolean;
  cells: AuditedCell[];
}

let solver: ReturnType<typeof loadHighs> | undefined;
const highs = () => (solver ??= loadHighs());

/** Every hidden cell's feasible interval by integer programming (HiGHS). */
export async function solverIntervals(cells: readonly TableCell[], hidden: ReadonlyMap<string, SuppressionKind>, options: SuppressionOptions = {}): Promise<Map<string, Range>> {
  const threshold = options.threshold ?? 3;
  const known = options.known ?? new Set<string>();
  const tree = new TotalsTree(cells); // checks that the totals add up
  const name = new Map(cells.map((c, i) => [c.id, `x${i}`]));
  const rows: string[] = [];
  for (const [total, breakdowns] of tree.breakdowns) {
    breakdowns.forEach((kids, b) => rows.push(` t${rows.length}_${b}: ${name.get(total)} ${kids.map((k) => `- ${name.get(k.id)}`).join(' ')} = 0`));
  }
  const bounds = cells.map((c) => {
    const kind = known.has(c.id) ? undefined : hidden.get(c.id);
    const x = name.get(c.id)!;
    return kind === undefined ? ` ${x} = ${c.count}` : kind === 'primary' ? ` 0 <= ${x} <= ${threshold - 1}` : ` ${x} >= ${threshold}`;
  });
  const program = (sense: 'Minimize' | 'Maximize', x: string) =>
    [sense, ` obj: ${x}`, 'Subject To', ...(rows.length > 0 ? rows : [` none: ${x} >= 0`]), 'Bounds', ...bounds, 'Generals', ` ${[...name.values()].join(' ')}`, 'End'].join('\n');
  const lp = await highs();
  const intervals = new Map<string, Range>();
  for (const id of hidden.keys()) {
    if (known.has(id)) continue;
    const x = name.get(id)!;
    const end = (sense: 'Minimize' | 'Maximize') => {
      const result = lp.solve(program(sense, x), { output_flag: false });
      if (result.Status === 'Optimal') return Math.round(result.Columns[x].Primal);
      // The true counts satisfy every constraint, so the program is never infeasible: "infeasible or unbounded" is unbounded.
      if ((result.Status === 'Unbounded' || result.Status === 'Primal infeasible or unbounded') && sense === 'Maximize') return Infinity;
      throw new Error(`the disclosure check could not bound ${id}: ${result.Status}`);
    };
    intervals.set(id, { min: end('Minimize'), max: end('Maximize') });
  }
  return intervals;
}

/** The disclosure audit of a suppression: per hidden cell why it is hidden and what a reader can work out of it, by the solver. */
export async function auditSuppression(cells: readonly TableCell[], decisions: ReadonlyMap<string, SuppressionDecision>, options: SuppressionOptions = {}): Promise<DisclosureAudit> {
  const threshold = options.threshold ?? 3;
  const intervals = await solverIntervals(cells, new Map([...decisions].map(([id, d]) => [id, d.kind])), options);
  const audited = [...decisions]
    .filter(([id]) => intervals.has(id))
    .map(([id, d]): AuditedCell => {
      const interval = intervals.get(id)!;
      return { id, kind: d.kind, protects: d.protects, interval: { min: interval.min, max: Number.isFinite(interval.max) ? interval.max : null }, protected: isProtected(d.kind, interval, threshold) };
    });
  return {
    method: `HiGHS ${'integer programming'}: each hidden cell minimised and maximised over every shown count and total of the linked tables, primary cells 0-${threshold - 1}, secondary ${threshold} or more`,
    threshold,
    passed: audited.every((c) => c.protected),
    cells: audited,
  };
}
