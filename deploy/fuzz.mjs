// `npm run fuzz [-- <service> ...]`: the long fuzzing pass (docs/reliability.md). Runs each service's
// fuzz.int.spec.ts with FUZZ_RUNS requests per route and messages per consumed topic (default
// 10,000), all with one seed, printed first. A finding prints its seed and failing run:
//   FUZZ_SEED=<seed> FUZZ_ROUTE='<METHOD /path>' FUZZ_PATH=<path> npm run fuzz -- <service>
// sends that request again (FUZZ_VERBOSE=1 prints every request). PostgreSQL and Kafka come from libs/testing, as for `npm run test:int`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const services = ['case-lifecycle', 'referrals', 'reporting', 'sector-coordination'];
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = chosen.filter((s) => !services.includes(s));
if (unknown.length > 0) {
  console.error(`unknown service(s): ${unknown.join(', ')} (one of ${services.join(', ')})`);
  process.exit(2);
}
const seed = process.env.FUZZ_SEED ?? String((Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0);
const runs = process.env.FUZZ_RUNS ?? '10000';
const env = { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
console.log(`▸ fuzzing with seed ${seed}, ${runs} requests per route and messages per topic (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz)`);

const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, env, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const failed = [];
for (const service of chosen.length > 0 ? chosen : services) {
  console.log(`\n▸ ${service}`);
  const started = Date.now();
  const jest = spawnSync(
    'npx',
    [
      'jest',
      '-c', `services/${service}/jest.config.cjs`,
      '--runInBand', '--forceExit',
      '--globalSetup', '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
      '--globalTeardown', '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
      `services/${service}/src/fuzz.int.spec.ts`,
    ],
    { cwd: repoRoot, env, stdio: 'inherit' },
  );
  console.log(`▸ ${service}: ${jest.status === 0 ? 'no finding' : 'FINDINGS (see above)'} in ${((Date.now() - started) / 60000).toFixed(1)} min`);
  if (jest.status !== 0) failed.push(service);
}
console.log(`\n▸ seed ${seed}: ${failed.length === 0 ? 'no finding' : `findings in ${failed.join(', ')}`}`);
process.exit(failed.length === 0 ? 0 : 1);
