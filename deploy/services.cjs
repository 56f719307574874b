// Starts the four Sagsspor services as separate Node processes from their build output and
// waits until each answers /health. Used by `npm start` (deploy/start.mjs) and the e2e tests.
const { spawn } = require('node:child_process');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');

const SERVICES = [
  { name: 'referrals', defaultPort: 3001, portVariable: 'REFERRALS_PORT' },
  { name: 'case-lifecycle', defaultPort: 3002, portVariable: 'CASE_LIFECYCLE_PORT' },
  { name: 'sector-coordination', defaultPort: 3003, portVariable: 'SECTOR_COORDINATION_PORT' },
  { name: 'reporting', defaultPort: 3004, portVariable: 'REPORTING_PORT' },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntilReady(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error.message;
    }
    await sleep(250);
  }
  throw new Error(`not ready after ${timeoutMs} ms (last: ${last})`);
}

/**
 * @param {object} options
 * @param {Record<string, number>} [options.ports] port by service name
 * @param {(service: string) => Record<string, string>} [options.env] extra environment per service
 * @param {(service: string, line: string) => void} [options.onOutput] each output line
 */
async function startServices({ ports = {}, env = () => ({}), onOutput = () => undefined, timeoutMs = 90000 } = {}) {
  const started = [];
  const stop = async () => {
    await Promise.all(
      started.map(
        ({ child }) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve();
            const killer = setTimeout(() => child.kill('SIGKILL'), 15000);
            child.once('exit', () => {
              clearTimeout(killer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    for (const service of SERVICES) {
      const port = ports[service.name] ?? Number(process.env[service.portVariable] ?? service.defaultPort);
      const child = spawn(process.execPath, [path.join(repoRoot, 'services', service.name, 'dist', 'main.js')], {
        cwd: repoRoot,
        env: { ...process.env, PORT: String(port), ...env(service.name) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      for (const stream of [child.stdout, child.stderr]) {
        let buffered = '';
        stream.on('data', (chunk) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop();
          for (const line of lines) onOutput(service.name, line);
        });
      }
      const url = `http://127.0.0.1:${port}`;
      started.push({ name: service.name, url, child });
    }
    await Promise.all(
      started.map(({ name, url, child }) =>
        waitUntilReady(url, child, timeoutMs).catch((error) => {
          throw new Error(`${name}: ${error.message}`);
        }),
      ),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { services: Object.fromEntries(started.map(({ name, url, child }) => [name, { url, pid: child.pid }])), stop };
}

module.exports = { SERVICES, startServices, repoRoot };
