import { type AuthSettings, authSettingsFromEnv, DEVELOPMENT_SIGNING_SECRET } from '@sagsspor/auth';
import { DEVELOPMENT_VAULT_KEY, type VaultKey, vaultKeyFrom } from '@sagsspor/child-identity';
import { kafkaSettingsFromEnv, type KafkaSettings } from '@sagsspor/messaging';
import { availableParallelism } from 'node:os';
import { type DatabaseTls, databaseTlsFromEnv } from './database';

export interface ServiceConfig {
  serviceName: string;
  port: number;
  host: string;
  databaseUrl: string;
  databaseTls: DatabaseTls;
  /** Connections in the service's pool, and in its child registry pool (ADR 0084). */
  databasePoolSize: number;
  kafka: KafkaSettings;
  /** Key of the child registry's lookup hash of a CPR (ADR 0099); the pseudonym itself is random. */
  childLookupSecret: string;
  /** The child registry's database, shared by the services that receive CPRs. */
  childRegistryDatabaseUrl: string;
  /** Child registry lookups a second from one service process before callers wait their turn (0: no limit). */
  childRegistryLookupsPerSecond: number;
  /** Whether CHILD_REGISTRY_DATABASE_URL (or _NAME) chose it, rather than the default: production requires a choice. */
  childRegistryDatabaseChosen: boolean;
  /** Wraps each child's own key in the CPR vault (crypto-shredding deletes the child's key). */
  childVaultKey: VaultKey;
  /** Vault keys being rotated out: child keys still wrapped with them are re-wrapped at start. */
  previousChildVaultKeys: VaultKey[];
  auth: AuthSettings;
  production: boolean;
  bodyLimit: string;
  /** Origins allowed by CORS; empty (the default): CORS is closed. */
  corsOrigins: string[];
  /** Requests a minute per caller (verified subject, else client address); 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Days a CPR is kept after it was last received (then crypto-shredded); 0 keeps it until erased by hand. */
  cprRetentionDays: number;
  /** Express `trust proxy`: how many proxies in front append to X-Forwarded-For (0: the header is ignored; the client address is the peer). */
  trustProxy: number;
}

// Not the earlier scheme's development CHILD_REF_SECRET: the lookup hash must not equal a pseudonym that scheme made.
export const DEV_CHILD_LOOKUP_SECRET = 'sagsspor-local-development-lookup-secret-not-for-production';

/** The database of one service on the server given by DATABASE_URL: `sagsspor_<service>`. */
export function serviceDatabaseUrl(serviceName: string, env: NodeJS.ProcessEnv = process.env): string {
  const url = new URL(env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${env.DATABASE_NAME ?? `sagsspor_${serviceName.replace(/-/g, '_')}`}`;
  return url.toString();
}

/** The child registry's database: CHILD_REGISTRY_DATABASE_URL, else `sagsspor_child_registry` (or CHILD_REGISTRY_DATABASE_NAME) on DATABASE_URL's server. */
export function childRegistryDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHILD_REGISTRY_DATABASE_URL) return env.CHILD_REGISTRY_DATABASE_URL;
  const url = new URL(env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${env.CHILD_REGISTRY_DATABASE_NAME ?? 'sagsspor_child_registry'}`;
  return url.toString();
}

function wholeNumber(name: string, value: string, min: number, max = Infinity): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number ${max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`}, got '${value}'`);
  return n;
}

const nonNegativeInteger = (name: string, value: string) => wholeNumber(name, value, 0);

/** Reads and checks the configuration at start-up; a bad setting stops the service with a clear message. */
export function loadServiceConfig(serviceName: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got '${env.PORT}'`);
  const childLookupSecret = env.CHILD_LOOKUP_SECRET ?? DEV_CHILD_LOOKUP_SECRET;
  if (childLookupSecret.length < 32) throw new Error('CHILD_LOOKUP_SECRET must be at least 32 characters');
  const childVaultKey = env.CHILD_VAULT_KEY ? vaultKeyFrom(env.CHILD_VAULT_KEY_ID ?? 'vault-1', env.CHILD_VAULT_KEY) : DEVELOPMENT_VAULT_KEY;
  // CHILD_VAULT_PREVIOUS_KEYS: "id:base64,id:base64" — keys being rotated out (see docs/operations.md).
  const previousChildVaultKeys = (env.CHILD_VAULT_PREVIOUS_KEYS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, key] = entry.split(':');
      if (!id || !key) throw new Error('CHILD_VAULT_PREVIOUS_KEYS must be a comma-separated list of <key id>:<base64 key>');
      return vaultKeyFrom(id, key);
    });
  if (previousChildVaultKeys.some((k) => k.id === childVaultKey.id)) throw new Error('CHILD_VAULT_PREVIOUS_KEYS must not repeat the current CHILD_VAULT_KEY_ID');
  const auth = authSettingsFromEnv(env);
  if (production && auth.verification.kind === 'development-key') {
    throw new Error('AUTH_JWKS_URL must be set in production: the local development signing key is refused (NODE_ENV=production)');
  }
  if (production && !auth.issuer) throw new Error('AUTH_ISSUER must be set in production: tokens are checked against their issuer');
  if (auth.verification.kind === 'development-key' && auth.verification.secret !== DEVELOPMENT_SIGNING_SECRET && auth.verification.secret.length < 32) {
    throw new Error('AUTH_DEV_SECRET must be at least 32 characters');
  }
  return {
    serviceName,
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: serviceDatabaseUrl(serviceName, env),
    databaseTls: databaseTlsFromEnv(env),
    // More connections than PostgreSQL can run at once only make each statement dearer (ADR 0084).
    databasePoolSize: wholeNumber('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE ?? String(2 * availableParallelism() + 1), 2, 500),
    kafka: kafkaSettingsFromEnv(`sagsspor-${serviceName}`, env),
    childLookupSecret,
    childRegistryDatabaseUrl: childRegistryDatabaseUrl(env),
    childRegistryLookupsPerSecond: nonNegativeInteger('CHILD_REGISTRY_LOOKUPS_PER_SECOND', env.CHILD_REGISTRY_LOOKUPS_PER_SECOND ?? '1000'),
    childRegistryDatabaseChosen: Boolean(env.CHILD_REGISTRY_DATABASE_URL || env.CHILD_REGISTRY_DATABASE_NAME),
    childVaultKey,
    previousChildVaultKeys,
    auth,
    production,
    bodyLimit: env.HTTP_BODY_LIMIT ?? '64kb',
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    rateLimitPerMinute: nonNegativeInteger('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE ?? '6000'),
    trustProxy: nonNegativeInteger('TRUST_PROXY_HOPS', env.TRUST_PROXY_HOPS ?? '0'),
    cprRetentionDays: nonNegativeInteger('CPR_RETENTION_DAYS', env.CPR_RETENTION_DAYS ?? '1826'),
  };
}
