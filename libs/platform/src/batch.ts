import type { Logger } from 'pino';
import { boundedProblem, type Problem, problemOf } from './problem';

// A batch request: many items in one request, a result per item in order. The request is validated
// as a whole first (a malformed item is a 400 for the batch, naming it); then each item is carried
// out through the same command path as its own request, and one item's failure is its own result,
// stopping no other item.

/** The most items one batch request may carry (200 underretninger with long ids stay within the default 64 kB body limit). */
export const MAX_BATCH_ITEMS = 200;

/** One item's outcome: `status` is what the same request for that item alone would have answered. */
export type BatchItemResult<T> = { index: number; status: number; result: T } | { index: number; status: number; problem: Problem };

/**
 * Runs every item, all at once unless `concurrency` says otherwise (so their registry lookups and
 * writes share statements: GroupedWrites), and answers a result per item in the items' order: what
 * it returned (with `status`), or the problem the same error would answer for the item's own
 * request (logged when it is ours: 500).
 */
export async function settleEach<I, T>(items: readonly I[], run: (item: I, index: number) => Promise<T>, options: { status: number; concurrency?: number; logger?: Logger }): Promise<BatchItemResult<T>[]> {
  const results = new Array<BatchItemResult<T>>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { index, status: options.status, result: await run(items[index], index) };
      } catch (error) {
        const problem = boundedProblem(problemOf(error));
        if (problem.status >= 500) options.logger?.error({ err: { message: (error as Error)?.message, stack: (error as Error)?.stack }, item: index }, 'batch item failed');
        results[index] = { index, status: problem.status, problem };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? items.length, items.length) }, worker));
  return results;
}
