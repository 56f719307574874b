// `npm start`: infrastructure up, build, the four services, demo data, and where to look.
// Ctrl-C stops the services (and Kafka, if this command started it).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startServices, repoRoot } = require('./services.cjs');

const kafkaPort = Number(process.env.KAFKA_PORT ?? 9092);
const portAnswers = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

const run = (command, args) => execFileSync(command, args, { cwd: repoRoot, stdio: 'inherit' });

// A fresh clone: install the dependencies first, so this one command is enough.
if (!existsSync(path.join(repoRoot, 'node_modules', '.package-lock.json'))) {
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' }); // see .ci/run on `npm ci`
}

const kafkaWasRunning = await portAnswers(kafkaPort);
run('bash', [path.join(repoRoot, 'deploy/infra.sh'), 'up']);
console.log('\n▸ building…');
run('npm', ['run', '--silent', 'build']);

console.log('▸ starting services…');
const verbose = process.env.LOG_SERVICES === 'true';
const platform = await startServices({
  // The registry's lookup pacing is a guard for production (1,000 a second by default, ADR 0099); this
  // local platform, with generated CPRs only, allows five times that so the national demo loads in minutes.
  env: () => ({ CHILD_REGISTRY_LOOKUPS_PER_SECOND: process.env.CHILD_REGISTRY_LOOKUPS_PER_SECOND ?? '5000' }),
  onOutput: (service, line) => {
    if (verbose || /"level":(50|60)/.test(line)) console.log(`[${service}] ${line}`);
  },
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n▸ ${signal}: stopping services…`);
  await platform.stop();
  if (!kafkaWasRunning) run('bash', [path.join(repoRoot, 'deploy/infra.sh'), 'down']);
  console.log('▸ stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const s = platform.services;
const demo = require('../libs/demo-data/dist/index.js');
const urls = { referrals: s.referrals.url, caseLifecycle: s['case-lifecycle'].url, sectorCoordination: s['sector-coordination'].url, reporting: s.reporting.url };
const tokens = await demo.demoTokens(72);
console.log(`
Sagsspor is running.

  service               API and OpenAPI                          health / metrics
  referrals             ${s.referrals.url}/docs        ${s.referrals.url}/health  /metrics
  case-lifecycle        ${s['case-lifecycle'].url}/docs        ${s['case-lifecycle'].url}/health  /metrics
  sector-coordination   ${s['sector-coordination'].url}/docs        ${s['sector-coordination'].url}/health  /metrics
  reporting             ${s.reporting.url}/docs        ${s.reporting.url}/health  /metrics

  Ops dashboard (sign in with a token below):  ${s.reporting.url}/dashboard
  Activity projected by reporting:  ${s.reporting.url}/v1/reports/activity
  Kafka: 127.0.0.1:${kafkaPort}   PostgreSQL: ${process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432'} (databases sagsspor_*)

Local development tokens (valid 72 hours; \`npm run cli -- token --role …\` mints others):
${tokens.map((t) => `  ${t.label}\n    ${t.token}`).join('\n')}
  e.g. curl -H "Authorization: Bearer <ops token>" ${s.reporting.url}/v1/reports/lead-times?year=${new Date().getFullYear()}

Ctrl-C stops everything. Set LOG_SERVICES=true to see the services' JSON logs.
`);

// The demo data at national volumes for the last full year and this one, through the public APIs, on the
// first start only (its last referral and last underretning mark it loaded): about 8 minutes on two cores.
// Everything above is usable while it loads. SAGSSPOR_DEMO_DATA_ARGS takes the options of
// `npm run cli -- demo-data` instead, e.g. "--scale small" for the small set (under a minute).
const DEMO_DATA_ARGS = '--scale national --concurrency 64';
if (process.env.SAGSSPOR_DEMO_DATA !== 'false') {
  try {
    await demo.loadOnFirstStart(urls, (process.env.SAGSSPOR_DEMO_DATA_ARGS ?? DEMO_DATA_ARGS).split(/\s+/).filter(Boolean));
    console.log(`▸ ready: ${s.reporting.url}/dashboard`);
  } catch (error) {
    // The platform keeps running: a failed demo load is the demo's problem, not the platform's.
    console.error(`▸ the demo data did not load completely: ${error.message}\n  The platform keeps running; \`npm run cli -- demo-data\` with the same options completes it.`);
  }
}
