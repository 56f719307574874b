import { GroupedWrites } from './grouped-writes';

/** A write that records each statement's inputs and answers when told to. */
function recordingWrite() {
  const statements: string[][] = [];
  const pending: (() => void)[] = [];
  const write = (inputs: string[]) =>
    new Promise<string[]>((resolve) => {
      statements.push(inputs);
      pending.push(() => resolve(inputs.map((i) => `${i}!`)));
    });
  const answerAll = async () => {
    while (pending.length > 0) {
      pending.splice(0).forEach((answer) => answer());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { statements, write, answerAll };
}

const flushTicks = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupedWrites', () => {
  it('sends the calls of one turn of the event loop in one statement, and answers each with its own output', async () => {
    const { statements, write, answerAll } = recordingWrite();
    const writes = new GroupedWrites(write, (i: string) => i);
    const answers = Promise.all(['a', 'b', 'c'].map((i) => writes.run(i)));
    await flushTicks();
    expect(statements).toEqual([['a', 'b', 'c']]);
    await answerAll();
    expect(await answers).toEqual(['a!', 'b!', 'c!']);
  });

  it('lets at most maxInFlight statements run, and groups what arrives meanwhile into the next', async () => {
    const { statements, write, answerAll } = recordingWrite();
    const writes = new GroupedWrites(write, (i: string) => i, 1);
    const first = writes.run('a');
    await flushTicks();
    const later = ['b', 'c', 'd'].map((i) => writes.run(i));
    await flushTicks();
    expect(statements).toEqual([['a']]);
    await answerAll();
    expect(statements).toEqual([['a'], ['b', 'c', 'd']]);
    expect(await Promise.all([first, ...later])).toEqual(['a!', 'b!', 'c!', 'd!']);
  });

  it('puts at most one input per key and maxPerStatement inputs in a statement, in arrival order', async () => {
    const { statements, write, answerAll } = recordingWrite();
    const writes = new GroupedWrites(write, (i: string) => i[0], 1, 3);
    const answers = Promise.all(['a1', 'b1', 'a2', 'c1', 'd1', 'a3'].map((i) => writes.run(i)));
    await flushTicks();
    await answerAll();
    expect(statements).toEqual([['a1', 'b1', 'c1'], ['a2', 'd1'], ['a3']]);
    expect(await answers).toEqual(['a1!', 'b1!', 'a2!', 'c1!', 'd1!', 'a3!']);
  });

  it('holds an input back while another with its key is in a statement, even with a slot free', async () => {
    const { statements, write, answerAll } = recordingWrite();
    const writes = new GroupedWrites(write, (i: string) => i[0], 2);
    const first = writes.run('a1');
    await flushTicks();
    const later = [writes.run('a2'), writes.run('b1')];
    await flushTicks();
    expect(statements).toEqual([['a1'], ['b1']]);
    await answerAll();
    expect(statements).toEqual([['a1'], ['b1'], ['a2']]);
    expect(await Promise.all([first, ...later])).toEqual(['a1!', 'a2!', 'b1!']);
  });

  it('fails every call of a statement that fails, and goes on with the next', async () => {
    let calls = 0;
    const writes = new GroupedWrites(
      async (inputs: string[]) => {
        if (calls++ === 0) throw new Error('connection lost');
        return inputs.map((i) => `${i}!`);
      },
      (i: string) => i,
      1,
    );
    const failed = [writes.run('a'), writes.run('b')].map((p) => p.catch((e: Error) => e.message));
    expect(await Promise.all(failed)).toEqual(['connection lost', 'connection lost']);
    expect(await writes.run('c')).toBe('c!');
  });
});
