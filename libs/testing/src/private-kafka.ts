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
    stop: () => void run('down'),
    reset: () => void run('reset'),
  };
}
