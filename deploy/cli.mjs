// `npm run cli -- <command>`: the operator's command line.
//   token --role <role> [--municipality <code>] [--house <code>] [--subject <id>] [--hours <n>]
//       prints a JWT signed with the local development key (refused by production services).
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const usage = `usage: npm run cli -- <command> [options]

commands:
  token --role municipality|boernehus|police|ops|admin [--municipality 751] [--house midt] [--subject id] [--hours 12]
        print a bearer token signed with the local development key (refused in production)
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

const commands = { token };
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
