import type { INestApplication } from '@nestjs/common';
import { DEFAULT_AUDIENCE, DEVELOPMENT_ISSUER, DEVELOPMENT_SIGNING_SECRET, mintDevelopmentToken, type Role } from '@sagsspor/auth';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { DataSource } from 'typeorm';
import { type DtoClass, type Route, routeTable } from './route-table';

// Building blocks for the attack tests every service runs (services/*/src/security.int.spec.ts,
// through describeSecurityAttacks): forged tokens, injection strings, malformed bodies, example
// bodies read from the DTOs' metadata, and a fingerprint of the database to prove "no side effect".

export interface Tenant {
  municipality?: string;
  house?: string;
}

/** Who a request is sent as: a role and its tenant. */
export interface Caller {
  role: Role;
  tenant?: Tenant;
}

export interface AttackRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** JSON, or the raw text when `contentType` is given (a CSV upload). */
  body?: unknown;
  contentType?: string;
}

const key = new TextEncoder().encode(DEVELOPMENT_SIGNING_SECRET);
const now = () => Math.floor(Date.now() / 1000);

function claimsOf(caller: Caller): Record<string, unknown> {
  return { role: caller.role, ...(caller.tenant?.municipality ? { municipality: caller.tenant.municipality } : {}), ...(caller.tenant?.house ? { house: caller.tenant.house } : {}) };
}

function signed(claims: Record<string, unknown>, options: { secret?: Uint8Array; audience?: string; issuer?: string; exp?: number; alg?: string } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .setSubject('attacker')
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuer(options.issuer ?? DEVELOPMENT_ISSUER)
    .setIssuedAt(now() - 60)
    .setExpirationTime(options.exp ?? now() + 3600)
    .sign(options.secret ?? key);
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Authorization header values that must all be refused with 401, for a caller who would otherwise
 * be allowed: none at all, another scheme, an expired token, a wrong signature, `alg: none`, a
 * wrong audience or issuer, a token whose payload was changed after signing, and claims of the
 * wrong shape (a role list, an unknown role, a tenant claim the role must not carry).
 */
export async function forgedAuthorizations(caller: Caller): Promise<Record<string, string | undefined>> {
  const claims = claimsOf(caller);
  const valid = await signed(claims);
  const [header, , signature] = valid.split('.');
  const otherTenant = caller.tenant?.municipality ? { municipality: caller.tenant.municipality === '101' ? '751' : '101' } : { house: caller.tenant?.house === 'syd' ? 'nord' : 'syd' };
  return {
    'no token': undefined,
    'another scheme': `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    'a bare token without Bearer': valid,
    'an expired token': `Bearer ${await signed(claims, { exp: now() - 3600 })}`,
    'a token signed with another key': `Bearer ${await signed(claims, { secret: new TextEncoder().encode('an-attackers-own-signing-key-of-sufficient-length') })}`,
    "a token with alg 'none'": `Bearer ${new UnsecuredJWT({ ...claims, role: 'admin' }).setSubject('attacker').setAudience(DEFAULT_AUDIENCE).setIssuer(DEVELOPMENT_ISSUER).setExpirationTime('1h').encode()}`,
    "alg 'none' written by hand, with the signature kept": `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, sub: 'attacker', aud: DEFAULT_AUDIENCE, iss: DEVELOPMENT_ISSUER, exp: now() + 3600 })}.${signature}`,
    'a token for another audience': `Bearer ${await signed(claims, { audience: 'some-other-system' })}`,
    'a token from another issuer': `Bearer ${await signed(claims, { issuer: 'https://evil.example' })}`,
    'a valid token whose payload was swapped for admin': `Bearer ${header}.${b64url({ role: 'admin', sub: 'attacker', aud: DEFAULT_AUDIENCE, iss: DEVELOPMENT_ISSUER, exp: now() + 3600 })}.${signature}`,
    'a valid token whose tenant was swapped after signing': `Bearer ${header}.${b64url({ ...claims, ...otherTenant, sub: 'attacker', aud: DEFAULT_AUDIENCE, iss: DEVELOPMENT_ISSUER, exp: now() + 3600 })}.${signature}`,
    'a role list instead of a role': `Bearer ${await signed({ ...claims, role: [caller.role, 'admin'] })}`,
    'an unknown role': `Bearer ${await signed({ ...claims, role: 'superuser' })}`,
    'a role in capitals': `Bearer ${await signed({ ...claims, role: 'ADMIN' })}`,
    'a tenant claim the role must not carry': `Bearer ${await signed({ role: 'admin', house: 'midt' })}`,
    'both tenant claims': `Bearer ${await signed({ ...claims, municipality: '751', house: 'midt' })}`,
  };
}

/**
 * Validly signed tokens for `caller` with extra claims that try to widen what it may do: roles,
 * scopes, admin flags and tenant lists. The verifier reads only `role` and the role's own tenant
 * claim, so each must act exactly as `caller` (answers as the plain token would).
 */
export async function escalationAuthorizations(caller: Caller, otherTenant: Tenant): Promise<Record<string, string>> {
  const claims = claimsOf(caller);
  const extras: Record<string, Record<string, unknown>> = {
    'roles: [admin]': { roles: ['admin'] },
    'realm_access.roles: [admin]': { realm_access: { roles: ['admin', 'ops'] } },
    'scope: admin': { scope: 'admin sagsspor:admin', scp: ['admin'] },
    'admin: true': { admin: true, isAdmin: true, is_admin: 'true' },
    'a tenant list naming the other tenant': { tenants: ['*', otherTenant.municipality ?? otherTenant.house], municipalities: [otherTenant.municipality ?? '101'], houses: [otherTenant.house ?? 'syd'] },
    'a tenant under another claim name': { tenant: otherTenant.municipality ?? otherTenant.house, municipalityCode: otherTenant.municipality, houseCode: otherTenant.house },
    'a second role claim': { 'https://sagsspor.dk/role': 'admin', Role: 'admin' },
  };
  return Object.fromEntries(await Promise.all(Object.entries(extras).map(async ([name, extra]) => [name, `Bearer ${await signed({ ...extra, ...claims })}`] as const)));
}

/** SQL injection strings: classic, stacked, comment, UNION, time-based, PostgreSQL-specific. */
export const sqlInjectionStrings = [
  "' OR '1'='1",
  "'; DROP TABLE events; --",
  '1); DELETE FROM events; --',
  "' UNION SELECT child_ref, cpr_ciphertext FROM child_registry --",
  "'; SELECT pg_sleep(5); --",
  '$$; DROP TABLE audit_log; $$',
  "\\'; TRUNCATE audit_log; --",
  '" OR ""="',
] as const;

/** Script and template injection strings. */
export const scriptInjectionStrings = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(document.cookie)>',
  'javascript:alert(1)',
  '{{constructor.constructor("return process")()}}',
  '${process.exit(1)}',
  '=HYPERLINK("http://evil.example","x")',
] as const;

export const injectionStrings = [...sqlInjectionStrings, ...scriptInjectionStrings];

/** Strings no field may hold: a NUL byte, another control character, lone surrogates. */
export const malformedStrings = { 'a NUL byte': 'AAR\u0000HEN', 'a control character': 'x\u001b[2Jy', 'a lone high surrogate': 'x\uD800y', 'a lone low surrogate': '\uDC00' } as const;

/** A body nested `depth` levels deep (small in bytes). */
export function deeplyNested(depth: number): string {
  return `{"a":${'['.repeat(depth)}1${']'.repeat(depth)}}`;
}

const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
const API_MODEL_PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';
const builtins: unknown[] = [String, Number, Boolean, Date, Object, Array];

function modelPropertiesOf(type: DtoClass): string[] {
  return ((Reflect.getMetadata(API_MODEL_PROPERTIES_ARRAY, type.prototype) ?? []) as string[]).map((p) => p.replace(/^:/, ''));
}

/** A DTO class a swagger `type` names: the class itself, or a lazy `() => Class`. */
function modelClass(type: unknown): DtoClass | undefined {
  if (typeof type !== 'function' || builtins.includes(type)) return undefined;
  const candidate = type as DtoClass;
  if (modelPropertiesOf(candidate).length > 0) return candidate;
  if (type.length === 0 && !candidate.prototype) {
    try {
      const resolved = (type as unknown as () => unknown)();
      return typeof resolved === 'function' && modelPropertiesOf(resolved as DtoClass).length > 0 ? (resolved as DtoClass) : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * A request body for a DTO from its @ApiProperty metadata: each property's example, or a nested
 * DTO's example body, or the first enum value. What the API documentation shows is what is sent.
 */
export function exampleOf(type: DtoClass): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const property of modelPropertiesOf(type)) {
    const meta = (Reflect.getMetadata(API_MODEL_PROPERTIES, type.prototype, property) ?? {}) as { example?: unknown; type?: unknown; isArray?: boolean; enum?: unknown[] | Record<string, unknown> };
    const nested = modelClass(meta.type);
    if (meta.example !== undefined) body[property] = meta.example;
    else if (nested) body[property] = meta.isArray ? [exampleOf(nested)] : exampleOf(nested);
    else if (meta.enum) {
      const first = Array.isArray(meta.enum) ? meta.enum[0] : Object.values(meta.enum)[0];
      body[property] = meta.isArray ? [first] : first;
    }
  }
  return body;
}

/** Paths (`participants.0.organisation`) of every string in a body: its text fields. */
export function textFieldsOf(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value)) return value.flatMap((v, i) => textFieldsOf(v, `${prefix}${prefix ? '.' : ''}${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => textFieldsOf(v, `${prefix}${prefix ? '.' : ''}${k}`));
  return [];
}

/** A copy of `body` with the field at `path` set to `value`. */
export function withField(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const parts = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
  return copy;
}

export interface WriteRoute {
  route: Route;
  /** `POST /v1/referrals/:referralId/accept` */
  name: string;
  /** The example body (from the DTO, or given by the test). */
  body?: unknown;
}

/** Every route that changes something (POST/PUT/PATCH/DELETE) with its example body. */
export function writeRoutes(app: INestApplication, bodies: Record<string, unknown> = {}): WriteRoute[] {
  return routeTable(app)
    .filter((route) => !route.isPublic && route.method !== 'GET')
    .map((route) => {
      const name = `${route.method} ${route.path}`;
      return { route, name, body: name in bodies ? bodies[name] : route.bodyType ? exampleOf(route.bodyType) : undefined };
    });
}

/** Every read route with the text fields of its query DTO. */
export function readRoutes(app: INestApplication): { route: Route; name: string; query: Record<string, unknown> }[] {
  return routeTable(app)
    .filter((route) => !route.isPublic && route.method === 'GET')
    .map((route) => ({ route, name: `${route.method} ${route.path}`, query: route.queryType ? exampleOf(route.queryType) : {} }));
}

/** A route's path with its parameters filled (by name, else a placeholder). */
export function concretePath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? `SEC-${name}`));
}

/**
 * A fingerprint of every table of a service's database: row count and a hash of the rows. Equal
 * fingerprints before and after a request: the request had no side effect. `audit_log` is left out
 * (every request is recorded there, on purpose); scheduled commands count rows only (the
 * scheduler marks them fired as time passes).
 */
export async function databaseFingerprint(dataSource: DataSource, options: { ignore?: string[] } = {}): Promise<Record<string, string>> {
  const ignore = new Set(['audit_log', ...(options.ignore ?? [])]);
  const tables: { schema: string; name: string }[] = await dataSource.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const fingerprint: Record<string, string> = {};
  for (const { schema, name } of tables) {
    if (ignore.has(name)) continue;
    const table = `"${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`;
    const [row] = name === 'scheduled_commands' || name === 'relay_checkpoints' || name === 'inbox'
      ? await dataSource.query(`SELECT count(*)::text AS n, '' AS h FROM ${table}`)
      : await dataSource.query(`SELECT count(*)::text AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`);
    fingerprint[`${schema}.${name}`] = `${row.n}:${row.h}`;
  }
  return fingerprint;
}

/** What an answer must never show: a stack trace, a file path, an SQL or driver message. */
export const LEAK = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+|QueryFailedError|syntax error at|duplicate key|violates .* constraint|TypeError|ReferenceError|SyntaxError: Unexpected/;

export interface SentAnswer {
  status: number;
  contentType: string;
  text: string;
  code?: string;
}

/** Sends one request with a raw Authorization header value and raw or JSON body. */
export async function sendRaw(
  baseUrl: string,
  request: { method: string; path: string; body?: unknown; rawBody?: string | Buffer; contentType?: string; authorization?: string; headers?: Record<string, string> },
): Promise<SentAnswer> {
  const headers: Record<string, string> = { ...(request.headers ?? {}) };
  if (request.authorization !== undefined) headers.authorization = request.authorization;
  let body: string | Buffer | undefined;
  if (request.rawBody !== undefined) body = request.rawBody;
  else if (request.body !== undefined) body = JSON.stringify(request.body);
  if (body !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
  const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers, body: body as string | undefined });
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, code };
}

/** Bearer header value of a development token for a caller. */
export async function bearer(caller: Caller): Promise<string> {
  return `Bearer ${await mintDevelopmentToken({ role: caller.role, ...(caller.tenant ?? {}) })}`;
}

/** The answer is a clean refusal or success: not 5xx, and no internals in it; errors are problem+json. */
export function cleanAnswerProblems(what: string, answer: SentAnswer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`${what}: answered ${answer.status} ${answer.text.slice(0, 200)}`);
  if (LEAK.test(answer.text)) problems.push(`${what}: the answer shows internals: ${answer.text.slice(0, 300)}`);
  if (answer.status >= 400 && !/^application\/problem\+json/.test(answer.contentType)) problems.push(`${what}: a ${answer.status} that is not problem+json (${answer.contentType})`);
  return problems;
}
