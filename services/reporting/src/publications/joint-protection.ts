import { auditSuppression, type DisclosureAudit } from '../usage/disclosure-audit';
import { nextCellToHide, type SuppressionDecision, suppressTable, type TableCell, TotalsTree } from '../usage/domain/suppression';
import { type EarlierPublication, knownFromEarlier, releaseOf } from './domain/publication';

export interface JointProtection {
  /** Cells shown in an earlier publication with the count they have now. */
  known: Set<string>;
  /** Cells hidden because the joint check asked for them, each with the cells it protects. */
  alsoHide: Map<string, string[]>;
  decisions: Map<string, SuppressionDecision>;
  audit: DisclosureAudit;
}

/**
 * Suppresses the year's current tables so that, read together with every earlier publication of
 * the year, they narrow nothing (ADR 0048): the suppression of one release, then the solver over
 * all releases at once; while it finds a hidden cell (of this release, or a primary one of an
 * earlier release) that can be narrowed, the smallest shown cell beside it is hidden too. When
 * nothing is left to hide, the failing audit is returned (publishing then refuses).
 */
export async function protectJointly(cells: readonly TableCell[], earlier: readonly EarlierPublication[]): Promise<JointProtection> {
  const known = knownFromEarlier(
    earlier.map((e) => e.cells),
    cells,
  );
  const releases = earlier.flatMap((e) => releaseOf(e) ?? []);
  const tree = new TotalsTree(cells);
  const alsoHide = new Map<string, string[]>();
  for (;;) {
    const decisions = suppressTable(cells, { known, alsoHide });
    const audit = await auditSuppression(cells, decisions, { known }, releases);
    const exposed = audit.cells.find((c) => !c.protected)?.id ?? audit.earlierExposed?.[0]?.id;
    if (exposed === undefined || releases.length === 0) return { known, alsoHide, decisions, audit };
    const next = nextCellToHide(tree, exposed, (c) => !decisions.has(c.id) && !known.has(c.id));
    if (next === undefined) return { known, alsoHide, decisions, audit };
    alsoHide.set(next, [exposed]);
  }
}
