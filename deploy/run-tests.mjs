// `npm test`: build, lint, then the unit, integration and e2e tiers of every project (Nx), and one
// closing line `N passed, N failed` totalled from Jest's own results. Int and e2e tests take their
// PostgreSQL and Kafka from libs/testing (environment, Testcontainers, or the local launcher).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// A fresh clone: install the dependencies first, so this one command is enough.
if (!existsSync(path.join(repoRoot, 'node_modules', '.package-lock.json'))) {
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' }); // see .ci/run on `npm ci`
}

const reports = path.join(repoRoot, '.reports', 'jest');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const steps = [
  ['build', ['run', '--silent', 'build']],
  ['lint, type checks and unit tests', ['exec', '--', 'nx', 'run-many', '-t', 'lint', 'typecheck', 'unit', '--outputStyle=stream']],
  ['integration tests', ['exec', '--', 'nx', 'run-many', '-t', 'int', '--parallel=1', '--outputStyle=stream']],
  ['end-to-end tests', ['exec', '--', 'nx', 'run-many', '-t', 'e2e', '--parallel=1', '--outputStyle=stream']],
];

let failedStep;
for (const [name, args] of steps) {
  console.log(`\n▸ ${name}`);
  const result = spawnSync('npm', args, { cwd: repoRoot, env, stdio: 'inherit' });
  if (result.status !== 0) {
    failedStep = name;
    if (name === 'build') break;
  }
}

let passed = 0;
let failed = 0;
if (existsSync(reports)) {
  for (const file of readdirSync(reports).filter((f) => f.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(path.join(reports, file), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (report.numRuntimeErrorTestSuites > 0) {
      failed += report.numRuntimeErrorTestSuites;
      console.log(`  ${file}: ${report.numRuntimeErrorTestSuites} test file(s) could not run`);
    }
  }
}
if (failedStep) console.log(`\n✗ ${failedStep} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStep || failed > 0 ? 1 : 0);
