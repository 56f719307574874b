// One run of one append contender, in its own process. Modes:
//   setUp    create the contender's schema in its database;
//   warmUp   append ops [firstOp, firstOp + ops) untimed (the first pass creates every stream);
//   measure  append `warmupOps` untimed, then `measuredOps` timed, and print the result as JSON.
// Op i goes to stream i % streams, which then holds floor(i / streams) events: each writer knows
// the version it expects without asking, as a client that has just read the stream would.
import pg from 'pg';
import { contenders } from './append-contenders.mjs';
import { childInput, percentile } from './support.mjs';

const input = childInput();
const contender = contenders[input.contender];
if (!contender) throw new Error(`no contender '${input.contender}'`);

// Every query() call on a pg client is one round trip to the server.
let queries = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  queries++;
  return query.apply(this, args);
};

async function appendOps(target, firstOp, count, latencies) {
  let next = 0;
  const writer = async () => {
    for (let k = next++; k < count; k = next++) {
      const op = firstOp + k;
      const started = process.hrtime.bigint();
      await target.append(`underretning-${op % input.streams}`, Math.floor(op / input.streams));
      latencies?.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, writer));
}

if (input.mode === 'setUp') {
  await contender.setUp(input.url);
  console.log(JSON.stringify({ ok: true }));
} else {
  const target = await contender.open(input.url, input.poolSize);
  if (input.mode === 'warmUp') {
    await appendOps(target, input.firstOp, input.ops);
    await target.close();
    console.log(JSON.stringify({ ok: true }));
  } else {
    await appendOps(target, input.firstOp, input.warmupOps);
    const latencies = [];
    queries = 0;
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    await appendOps(target, input.firstOp + input.warmupOps, input.measuredOps, latencies);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const roundTrips = queries / input.measuredOps;
    await target.close();
    latencies.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        opsPerSecond: input.measuredOps / seconds,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        roundTrips,
        clientCpuMsPerOp: (cpu.user + cpu.system) / 1000 / input.measuredOps,
      }),
    );
  }
}
