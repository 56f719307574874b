interface Waiting<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one kind of statement: the calls made while `maxInFlight` statements are under way
 * (or in the same turn of the event loop) go together in the next one, so many concurrent callers
 * cost a few multi-row statements instead of one round trip and one commit each. A lone call goes at
 * once. An input waits while another with the same `keyOf` is in a statement, and goes in a later
 * one, so it sees what the first one wrote.
 */
export class GroupedWrites<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private inFlight = 0;
  private readonly keysInFlight = new Set<string>();
  private scheduled = false;

  constructor(
    /** Writes the inputs in one statement; answers one output per input, in order. */
    private readonly write: (inputs: In[]) => Promise<Out[]>,
    private readonly keyOf: (input: In) => string,
    private readonly maxInFlight = 2,
    private readonly maxPerStatement = 500,
  ) {}

  run(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        process.nextTick(() => {
          this.scheduled = false;
          this.next();
        });
      }
    });
  }

  private next(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return; // every one waiting has a key in a statement under way
      const keys = batch.map((w) => this.keyOf(w.input));
      keys.forEach((key) => this.keysInFlight.add(key));
      this.inFlight++;
      this.write(batch.map((w) => w.input))
        .then(
          (outputs) => batch.forEach((w, i) => w.resolve(outputs[i])),
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          keys.forEach((key) => this.keysInFlight.delete(key));
          this.inFlight--;
          this.next();
        });
    }
  }

  /** The next statement's inputs: in arrival order, one per key and none whose key is in a statement under way; the rest left waiting in order. */
  private take(): Waiting<In, Out>[] {
    const keys = new Set<string>();
    const batch: Waiting<In, Out>[] = [];
    const left: Waiting<In, Out>[] = [];
    for (const w of this.waiting) {
      const key = this.keyOf(w.input);
      if (batch.length < this.maxPerStatement && !keys.has(key) && !this.keysInFlight.has(key)) {
        keys.add(key);
        batch.push(w);
      } else left.push(w);
    }
    this.waiting = left;
    return batch;
  }
}
