import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { workspaceRoot } from './infrastructure';

/**
 * A broker of its own for a test that stops and restarts Kafka, so the shared broker that the
 * other tests use stays up. Uses the same launcher as `npm start`.
 */
export function privateKafka(port: number) {
  const script = path.join(workspaceRoot, 'deploy/kafka/kafka.sh');
  const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1) };
  const run = (command: string) => execFileSync('bash', [script, command], { env, stdio: 'pipe', timeout: 180000 });
  return {
    brokers: `127.0.0.1:${port}`,
    start: () => void run('up'),
    stop: () => {
      run('down');
      // A broker started from another checkout (its own data dir and pid file) is not stopped by
      // ours: say so plainly instead of letting an outage test pass or fail for the wrong reason.
      const stillAnswers = (() => {
        try {
          execFileSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`], { stdio: 'ignore', timeout: 5000 });
          return true;
        } catch {
          return false;
        }
      })();
      if (stillAnswers) throw new Error(`a Kafka broker still answers on port ${port} after 'kafka.sh down': one started from another checkout? Stop it first.`);
    },
    reset: () => void run('reset'),
  };
}
