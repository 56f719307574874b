import loadHighs from 'highs';
import { isProtected, type Range, type SuppressionDecision, type SuppressionKind, type SuppressionOptions, type TableCell, TotalsTree } from './domain/suppression';

// The independent check of a suppression (ADR 0044): every hidden cell's feasible interval by
// linear programming, with HiGHS compiled to WebAssembly, knowing nothing of the interval
// propagation that chose the cells. One integer program over all the year's linked tables (and,
// for a correction, the year's earlier publications: ADR 0048): a variable per cell; a total
// equals the sum of each of its breakdowns; a shown cell is fixed at its count; a primary cell
// lies in 0..threshold-1; a secondary cell is threshold or more. Each hidden cell is minimised and
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
  /** Primary cells of earlier publications that this one, read with them, would narrow (the audit then fails). */
  earlierExposed?: { release: number; id: string; interval: Range }[];
}

let solver: ReturnType<typeof loadHighs> | undefined;
const highs = () => (solver ??= loadHighs());

/**
 * One release of the year's linked tables as a reader has it: its true counts (known to us only),
 * the cells it hid and how, and the cells whose count the reader has from elsewhere (shown in an
 * earlier publication with the same count).
 */
export interface Release {
  cells: readonly TableCell[];
  hidden: ReadonlyMap<string, SuppressionKind>;
  known?: ReadonlySet<string>;
}

/**
 * Every hidden cell's feasible interval by integer programming (HiGHS), over several releases of
 * the year's tables at once (ADR 0048): a variable per cell and release; each release's totals are
 * the sums of their breakdowns; a shown cell is fixed at its count, a primary one lies in
 * 0..threshold-1 and a secondary one is threshold or more; and a cell whose true count is the same
 * in two releases is one value in both, as a reader who knows which counts a correction changed
 * (the worst case) would treat it. Answers, per release, the interval of each hidden cell `ask`
 * names (default: all of them).
 */
export async function jointIntervals(releases: readonly Release[], options: { threshold?: number; ask?: (release: number, id: string) => boolean } = {}): Promise<Map<string, Range>[]> {
  const threshold = options.threshold ?? 3;
  const rows: string[] = [];
  const bounds: string[] = [];
  const names: Map<string, string>[] = [];
  const lastOfCount = new Map<string, string>(); // `${id}=${count}` → the latest release's variable with that count
  releases.forEach((release, r) => {
    const tree = new TotalsTree(release.cells); // checks that the totals add up
    const name = new Map(release.cells.map((c, i) => [c.id, `x${r}_${i}`]));
    names.push(name);
    for (const [total, breakdowns] of tree.breakdowns) {
      breakdowns.forEach((kids) => rows.push(` t${rows.length}: ${name.get(total)} ${kids.map((k) => `- ${name.get(k.id)}`).join(' ')} = 0`));
    }
    for (const c of release.cells) {
      const x = name.get(c.id)!;
      const kind = release.known?.has(c.id) ? undefined : release.hidden.get(c.id);
      bounds.push(kind === undefined ? ` ${x} = ${c.count}` : kind === 'primary' ? ` 0 <= ${x} <= ${threshold - 1}` : ` ${x} >= ${threshold}`);
      const same = lastOfCount.get(`${c.id}=${c.count}`);
      if (same) rows.push(` t${rows.length}: ${x} - ${same} = 0`);
      lastOfCount.set(`${c.id}=${c.count}`, x);
    }
  });
  const variables = names.flatMap((n) => [...n.values()]);
  const program = (sense: 'Minimize' | 'Maximize', x: string) =>
    [sense, ` obj: ${x}`, 'Subject To', ...(rows.length > 0 ? rows : [` none: ${x} >= 0`]), 'Bounds', ...bounds, 'Generals', ` ${variables.join(' ')}`, 'End'].join('\n');
  const lp = await highs();
  return releases.map((release, r) => {
    const intervals = new Map<string, Range>();
    for (const id of release.hidden.keys()) {
      if (release.known?.has(id) || (options.ask && !options.ask(r, id))) continue;
      const x = names[r].get(id)!;
      const end = (sense: 'Minimize' | 'Maximize') => {
        const result = lp.solve(program(sense, x), { output_flag: false });
        // + 0: the solver may answer -0 for a bound of 0.
        if (result.Status === 'Optimal') return Math.round(result.Columns[x].Primal) + 0;
        // The true counts satisfy every constraint, so the program is never infeasible: "infeasible or unbounded" is unbounded.
        if ((result.Status === 'Unbounded' || result.Status === 'Primal infeasible or unbounded') && sense === 'Maximize') return Infinity;
        throw new Error(`the disclosure check could not bound ${id}: ${result.Status}`);
      };
      intervals.set(id, { min: end('Minimize'), max: end('Maximize') });
    }
    return intervals;
  });
}

/** Every hidden cell's feasible interval by integer programming (HiGHS), for one release. */
export async function solverIntervals(cells: readonly TableCell[], hidden: ReadonlyMap<string, SuppressionKind>, options: SuppressionOptions = {}): Promise<Map<string, Range>> {
  const [intervals] = await jointIntervals([{ cells, hidden, known: options.known }], { threshold: options.threshold });
  return intervals;
}

/**
 * The disclosure audit of a suppression: per hidden cell why it is hidden and what a reader can work
 * out of it, by the solver. With `earlier` (the year's earlier publications as released), the
 * intervals are those of a reader who has them all (`jointIntervals`), and the audit also fails if
 * the new release narrows a primary cell of an earlier one.
 */
export async function auditSuppression(cells: readonly TableCell[], decisions: ReadonlyMap<string, SuppressionDecision>, options: SuppressionOptions = {}, earlier: readonly Release[] = []): Promise<DisclosureAudit> {
  const threshold = options.threshold ?? 3;
  const hidden = new Map([...decisions].map(([id, d]) => [id, d.kind]));
  const releases = [...earlier, { cells, hidden, known: options.known }];
  const latest = releases.length - 1;
  const intervals = await jointIntervals(releases, { threshold, ask: (r, id) => r === latest || releases[r].hidden.get(id) === 'primary' });
  const audited = [...decisions]
    .filter(([id]) => intervals[latest].has(id))
    .map(([id, d]): AuditedCell => {
      const interval = intervals[latest].get(id)!;
      return { id, kind: d.kind, protects: d.protects, interval: { min: interval.min, max: Number.isFinite(interval.max) ? interval.max : null }, protected: isProtected(d.kind, interval, threshold) };
    });
  const earlierExposed = intervals.slice(0, latest).flatMap((ofRelease, r) =>
    [...ofRelease].filter(([, interval]) => !isProtected('primary', interval, threshold)).map(([id, interval]) => ({ release: r, id, interval: { min: interval.min, max: interval.max } })),
  );
  return {
    method:
      earlier.length === 0
        ? `HiGHS integer programming: each hidden cell minimised and maximised over every shown count and total of the linked tables, primary cells 0-${threshold - 1}, secondary ${threshold} or more`
        : `HiGHS integer programming over this publication and the year's ${earlier.length} earlier one(s) together: each hidden cell minimised and maximised over every shown count and total of each, primary cells 0-${threshold - 1}, secondary ${threshold} or more, a count that did not change between two publications one value in both; no primary cell of an earlier publication narrowed either`,
    threshold,
    passed: audited.every((c) => c.protected) && earlierExposed.length === 0,
    cells: audited,
    ...(earlierExposed.length > 0 ? { earlierExposed } : {}),
  };
}
