// `npm run cli -- <command>`: the operator's command line (see `npm run cli` for the commands).
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const usage = `usage: npm run cli -- <command> [options]

commands:
  token --role municipality|boernehus|police|ops|admin [--municipality 751] [--house midt] [--subject id] [--hours 12]
        print a bearer token signed with the local development key (refused in production)
  dlq list --topic <topic>
        the dead letters of a topic, with why each was dead-lettered (KAFKA_BROKERS, KAFKA_TOPIC_NAMESPACE)
  dlq replay --topic <topic> [--code <dlq_error_code>] [--offset <partition>:<offset>]... [--yes]
        put dead letters back on their topic after the cause was fixed (dry run without --yes)
  demo-data [--seed 42] [--scale small|national] [--from 2024 --to 2026] [--concurrency 32]
        [--referrals-url …] [--case-lifecycle-url …] [--sector-coordination-url …] [--reporting-url …]
        load realistic demo data through the public APIs of running services, with a progress bar
        (defaults: npm start's ports 3001-3004, or REFERRALS_URL, CASE_LIFECYCLE_URL, SECTOR_COORDINATION_URL,
        REPORTING_URL); idempotent: the same seed again changes nothing. See docs/demo-data.md
  rebuild facts|activity|settlements [--url http://127.0.0.1:3004] [--token <admin JWT>]
        rebuild a reporting projection into fresh tables while the old ones serve, show progress, swap;
        without --token a local development admin token is minted
  backtest [--house midt] [--url http://127.0.0.1:3004] [--token <ops JWT>]
        the case-count forecast's error on past years (docs/forecasting.md): per house and year the
        forecast, the actual count and the error; MAE and MAPE next to "same as last year"
  backtest --demo-data [--seed 42] [--from 2017 --to 2026] [--today 2026-11-25]
        the same on the demo data's plan (national scale, as npm run cli -- demo-data --scale national
        loads it), computed offline from the plan without loading it
  migrate-pseudonyms [--yes]
        with the four services stopped: give every child a new random pseudonym in every database and
        the child registry, rewrite stored events in their current shape, empty the public topics for the
        relays to publish again (ADR 0099, docs/operations.md "Migrating child pseudonyms"); the services'
        own settings (DATABASE_URL, DATABASE_NAME_<SERVICE>, CHILD_REGISTRY_DATABASE_URL, CHILD_VAULT_KEY,
        KAFKA_*); without --yes it only says what it would do
`;

async function token(args) {
  const { values } = parseArgs({
    args,
    options: { role: { type: 'string' }, municipality: { type: 'string' }, house: { type: 'string' }, subject: { type: 'string' }, hours: { type: 'string', default: '12' } },
  });
  if (!values.role) throw new Error('--role is required');
  const { mintDevelopmentToken, principalFromClaims } = require('../libs/auth/dist/index.js');
  // Check the claims the way the services will, so a bad combination fails here and not at the API.
  principalFromClaims({ sub: values.subject ?? 'cli', role: values.role, municipality: values.municipality, house: values.house });
  const hours = Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) throw new Error('--hours must be between 0 and 720');
  console.log(await mintDevelopmentToken({ role: values.role, municipality: values.municipality, house: values.house, subject: values.subject, expiresInSeconds: Math.round(hours * 3600) }));
}

async function dlq(args) {
  const [action, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { topic: { type: 'string' }, code: { type: 'string' }, offset: { type: 'string', multiple: true }, yes: { type: 'boolean', default: false } } });
  if (!['list', 'replay'].includes(action)) throw new Error('dlq needs an action: list or replay');
  if (!values.topic) throw new Error('--topic is required (the original topic, e.g. sagsspor.case-lifecycle.events.v1)');
  const { createKafka, kafkaSettingsFromEnv, qualifiedTopic, readDeadLetters, replayDeadLetters } = require('../libs/messaging/dist/index.js');
  const settings = kafkaSettingsFromEnv('sagsspor-cli');
  const kafka = createKafka(settings);
  const topic = qualifiedTopic(settings, values.topic);
  const chosen = (letter) =>
    (!values.code || letter.errorCode === values.code) && (!values.offset || values.offset.includes(`${letter.partition}:${letter.offset}`));
  const show = (l) => console.log(`${l.partition}:${l.offset}\t${l.errorCode ?? '?'}\t${l.eventType ?? '?'}\tkey=${l.key ?? ''}${l.redacted ? '\t(redacted: not replayable)' : ''}\t${l.failedAt ?? ''}\t${(l.errorMessage ?? '').slice(0, 200)}`);
  if (action === 'list' || !values.yes) {
    // A redacted letter (a CPR was removed from it) is never replayed: the sender sends it again.
    const letters = (await readDeadLetters(kafka, topic)).filter((l) => chosen(l) && (action === 'list' || !l.redacted));
    letters.forEach(show);
    console.log(`${letters.length} dead letter(s) on ${topic}.dlq${action === 'replay' ? ' would be replayed: add --yes to replay them' : ''}`);
    return;
  }
  const replayed = await replayDeadLetters(kafka, topic, chosen);
  replayed.forEach(show);
  console.log(`replayed ${replayed.length} dead letter(s) onto ${topic}; consumers skip any they had handled meanwhile`);
}

async function rebuild(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: 'string', default: process.env.REPORTING_URL ?? 'http://127.0.0.1:3004' }, token: { type: 'string' } },
  });
  const [projection] = positionals;
  if (!projection) throw new Error('name the projection to rebuild (facts, activity or settlements)');
  const { mintDevelopmentToken } = require('../libs/auth/dist/index.js');
  const token = values.token ?? (await mintDevelopmentToken({ role: 'admin', subject: 'cli-rebuild' }));
  const headers = { authorization: `Bearer ${token}` };
  const call = async (method, path) => {
    const response = await fetch(`${values.url}${path}`, { method, headers });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${body.detail ?? body.title ?? ''}`.trim());
    return body;
  };
  let rebuild = await call('POST', `/v1/admin/projections/${encodeURIComponent(projection)}/rebuilds`);
  process.stderr.write(`rebuilding ${projection} into ${rebuild.targetSchema} (rebuild ${rebuild.rebuildId})\n`);
  const bar = (r) => {
    const width = 30;
    const done = r.eventsTotal > 0 ? Math.min(1, r.eventsRead / r.eventsTotal) : 1;
    return `[${'#'.repeat(Math.round(done * width)).padEnd(width, '.')}] ${r.eventsRead}/${r.eventsTotal} events  ${r.status}`;
  };
  while (rebuild.status === 'reading' || rebuild.status === 'swapping') {
    process.stderr.write(`\r${bar(rebuild)}   `);
    await new Promise((resolve) => setTimeout(resolve, 500));
    rebuild = await call('GET', `/v1/admin/projections/${encodeURIComponent(projection)}/rebuilds/${rebuild.rebuildId}`);
  }
  process.stderr.write(`\r${bar(rebuild)}   \n`);
  if (rebuild.status !== 'done') {
    process.stderr.write(`rebuild failed: ${rebuild.error}\n`);
    process.exit(1);
  }
  console.log(`${projection} now serves from ${rebuild.targetSchema}`);
}

function backtestTable(label, bt) {
  console.log(`${label}`);
  console.log('  year  forecast  actual  error    APE   95 % interval  last year');
  for (const y of bt.years) {
    const ape = y.absolutePercentError === null ? '   –' : `${y.absolutePercentError.toFixed(1)} %`;
    console.log(`  ${y.year}  ${String(y.forecast).padStart(8)}  ${String(y.actual).padStart(6)}  ${String(y.error).padStart(5)}  ${ape.padStart(7)}  ${`${y.interval.low}-${y.interval.high}`.padStart(13)}  ${String(y.lastYearForecast).padStart(9)}`);
  }
  const f = (x, unit = '') => (x === null ? '–' : `${x}${unit}`);
  console.log(`  MAE ${f(bt.mae)} cases, MAPE ${f(bt.mape, ' %')}; same-as-last-year: MAE ${f(bt.lastYearMae)}, MAPE ${f(bt.lastYearMape, ' %')}; interval held ${f(bt.intervalCoveragePercent, ' %')}\n`);
}

/** The backtest on the demo data's plan (libs/demo-data), without loading it: closed cases by house and month. */
function demoDataBacktest(values) {
  const { generatePlan, scales } = require('../libs/demo-data/dist/index.js');
  const { annualTotals, backtest: runBacktest } = require('../services/reporting/dist/money/domain/forecast.js');
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  // Ten years of history, ending this year (the backtest needs years to learn from).
  const years = { fromYear: Number(today.slice(0, 4)) - 9, toYear: Number(today.slice(0, 4)) };
  const plan = generatePlan({ seed: Number(values.seed), scale: scales.national, fromYear: values.from ? Number(values.from) : years.fromYear, toYear: values.to ? Number(values.to) : years.toYear, today });
  const monthly = new Map();
  for (const year of plan.years) {
    for (const referral of year.referrals) {
      const closing = referral.decision?.kind === 'accept' ? referral.decision.case.closing : undefined;
      if (!closing) continue;
      const key = `${referral.houseCode}|${referral.municipalityCode}|${closing.closedAt.slice(0, 7)}`;
      monthly.set(key, (monthly.get(key) ?? 0) + 1);
    }
  }
  const rows = [...monthly].map(([key, cases]) => {
    const [houseCode, municipalityCode, month] = key.split('|');
    return { houseCode, municipalityCode, month, cases };
  });
  const [y, m] = today.split('-').map(Number);
  const through = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  console.log(`Backtest on the demo data (seed ${values.seed}, national scale, ${plan.options.fromYear}-${plan.options.toYear}, history through ${through})\n`);
  for (const house of ['hovedstaden', 'sjaelland', 'syd', 'midt', 'nord']) backtestTable(`house ${house}`, runBacktest(annualTotals(rows.filter((r) => r.houseCode === house), through).complete));
  backtestTable('all houses', runBacktest(annualTotals(rows, through).complete));
}

async function backtest(args) {
  const { values } = parseArgs({
    args,
    options: {
      house: { type: 'string' },
      url: { type: 'string', default: process.env.REPORTING_URL ?? 'http://127.0.0.1:3004' },
      token: { type: 'string' },
      'demo-data': { type: 'boolean', default: false },
      seed: { type: 'string', default: '42' },
      from: { type: 'string' },
      to: { type: 'string' },
      today: { type: 'string' },
    },
  });
  if (values['demo-data']) return demoDataBacktest(values);
  const { mintDevelopmentToken } = require('../libs/auth/dist/index.js');
  const token = values.token ?? (await mintDevelopmentToken({ role: 'ops', subject: 'cli-backtest' }));
  const query = values.house ? `?house=${encodeURIComponent(values.house)}` : '';
  const response = await fetch(`${values.url}/v1/reports/forecast/backtest${query}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`GET /v1/reports/forecast/backtest: ${response.status} ${body.detail ?? body.title ?? ''}`.trim());
  console.log(`Backtest of the case-count forecast, history through ${body.historyThrough} (${body.counted})\n`);
  for (const house of body.houses) backtestTable(`house ${house.houseCode}`, house);
  if (body.allHouses) backtestTable('all houses', body.allHouses);
}


async function demoData(args) {
  const { runDemoData } = require('../libs/demo-data/dist/index.js');
  const code = await runDemoData(args);
  if (code !== 0) process.exit(code);
}

async function migratePseudonyms(args) {
  const { values } = parseArgs({ args, options: { yes: { type: 'boolean', default: false } } });
  const definitions = [
    require('../services/referrals/dist/service.js').referralsService,
    require('../services/case-lifecycle/dist/service.js').caseLifecycleService,
    require('../services/sector-coordination/dist/service.js').sectorCoordinationService,
    require('../services/reporting/dist/service.js').reportingService,
  ];
  if (!values.yes) {
    console.log('Would give every child a new random pseudonym in the databases of', definitions.map((d) => d.name).join(', '), 'and the child registry,');
    console.log('rewrite their stored events in the current shape, and empty the public topics. Stop the four services, then run again with --yes.');
    return;
  }
  const { runPseudonymMigration } = require('../libs/platform/dist/index.js');
  const result = await runPseudonymMigration(definitions, process.env, (message, fields) => console.log(message, fields ? JSON.stringify(fields) : ''));
  console.log(JSON.stringify(result, null, 2));
  console.log('Done. Start the services: the relays publish the rewritten events again.');
}

const commands = { token, dlq, rebuild, backtest, 'demo-data': demoData, 'migrate-pseudonyms': migratePseudonyms };
const [command, ...rest] = process.argv.slice(2);
if (!command || !commands[command]) {
  process.stderr.write(usage);
  process.exit(command ? 2 : 0);
}
try {
  await commands[command](rest);
} catch (error) {
  process.stderr.write(`${command}: ${error.message}\n\n${usage}`);
  process.exit(2);
}
