/** Polls `probe` until it returns a value that `done` accepts, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, { timeoutMs = 20000, intervalMs = 100, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}${lastError ? `; last error: ${(lastError as Error).message}` : ''}`);
}

/** The topic namespaces of one jest run start with this, so its global teardown can delete their topics. */
export function testRunTopicPrefix(run = process.env.SAGSSPOR_TEST_RUN ?? 'adhoc'): string {
  return `test-${run}-`;
}

export function uniqueNamespace(label: string): string {
  return `${testRunTopicPrefix()}${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
