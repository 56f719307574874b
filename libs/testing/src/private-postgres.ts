import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';

const BIN = process.env.SAGSSPOR_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of its own for a test that stops and restarts PostgreSQL, so the shared
 * server on 5432 that the other tests use stays up. `initdb` as the `postgres` OS user (initdb
 * refuses root), trust auth, its own port and socket directory under /tmp; started and stopped
 * with pg_ctl. Mirrors privateKafka.
 */
export function privatePostgres(port: number) {
  const root = `/tmp/sagsspor-pg-${port}`;
  const dataDir = `${root}/data`;
  const socketDir = `${root}/socket`;
  const logFile = `${root}/postgres.log`;
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : `${BIN}/${program}`, asRoot ? ['-u', 'postgres', '--', `${BIN}/${program}`, ...args] : args, { stdio: 'pipe', timeout: 120000 });
  const owned = (dir: string) => {
    mkdirSync(dir, { recursive: true });
    if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  };
  const running = () => {
    try {
      run('pg_ctl', ['status', '-D', dataDir]);
      return true;
    } catch {
      return false;
    }
  };
  const start = () => {
    if (running()) return;
    owned(root);
    owned(socketDir);
    if (!existsSync(`${dataDir}/PG_VERSION`)) run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c full_page_writes=off`;
    run('pg_ctl', ['start', '-D', dataDir, '-w', '-t', '60', '-l', logFile, '-o', options]);
  };
  const stop = (mode: 'fast' | 'immediate' = 'fast') => {
    if (running()) run('pg_ctl', ['stop', '-D', dataDir, '-m', mode, '-w', '-t', '60']);
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    /** Stops (terminating every connection) and starts again on the same data. */
    restart: (mode: 'fast' | 'immediate' = 'fast') => {
      stop(mode);
      start();
    },
    running,
    /** Stops and deletes the cluster's files. */
    destroy: () => {
      stop('immediate');
      rmSync(root, { recursive: true, force: true });
    },
  };
}
