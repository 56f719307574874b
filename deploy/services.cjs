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

// A service that dies at start says why in its last lines (the `failed to start` log line):
// carry them into the error, so a failed start is diagnosable from the error alone.
const LAST_LINES_KEPT = 8;

async function waitUntilReady(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await Promise.race([child.outputClosed, sleep(2000)]);
      throw new Error(`exited with code ${child.exitCode} before it was ready; its last lines:\n${child.lastLines.join('\n')}`);
    }
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
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
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
  const launch = (service) => {
    const port = ports[service.name] ?? Number(process.env[service.portVariable] ?? service.defaultPort);
    const child = spawn(process.execPath, [path.join(repoRoot, 'services', service.name, 'dist', 'main.js')], {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(port), ...env(service.name) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.lastLines = [];
    child.outputClosed = new Promise((resolve) => child.once('close', resolve));
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream.on('data', (chunk) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop();
        for (const line of lines) {
          child.lastLines.push(line);
          if (child.lastLines.length > LAST_LINES_KEPT) child.lastLines.shift();
          onOutput(service.name, line);
        }
      });
    }
    return { name: service.name, url: `http://127.0.0.1:${port}`, child };
  };
  try {
    for (const service of SERVICES) started.push(launch(service));
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
  const entry = (name) => {
    const found = started.find((s) => s.name === name);
    if (!found) throw new Error(`no service ${name}`);
    return found;
  };
  /** Sends a signal to one service (default SIGKILL: dies mid-work) and waits until it exited. */
  const kill = (name, signal = 'SIGKILL') =>
    new Promise((resolve) => {
      const { child } = entry(name);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  /** Starts one (stopped or killed) service again on its port and waits until it answers /health. */
  const restart = async (name) => {
    const current = entry(name);
    if (current.child.exitCode === null && current.child.signalCode === null) await kill(name, 'SIGTERM');
    const next = launch(SERVICES.find((s) => s.name === name));
    started[started.indexOf(current)] = next;
    await waitUntilReady(next.url, next.child, timeoutMs);
    return { url: next.url, pid: next.child.pid };
  };
  return { services: Object.fromEntries(started.map(({ name, url, child }) => [name, { url, pid: child.pid }])), stop, kill, restart };
}

module.exports = { SERVICES, startServices, repoRoot };
