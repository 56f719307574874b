import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { AccessPolicy, Role, TenantField } from '@sagsspor/auth';
import { roles } from '@sagsspor/auth';
import { ACCESS_POLICY, PUBLIC_ROUTE } from '@sagsspor/platform';
import { authHeaders } from '@sagsspor/testing';
import { getMetadataStorage } from 'class-validator';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Express-style path: `/v1/referrals/:referralId/accept`. */
  path: string;
  /** undefined: no policy declared (the guard refuses such a route; the matrix test fails on it). */
  policy?: AccessPolicy;
  isPublic: boolean;
  /** The DTO class of the body (`@Body()`, else the `@ApiBody` type), for tests that fill every field. */
  bodyType?: DtoClass;
  /** The DTO class of the query string (`@Query()`). */
  queryType?: DtoClass;
  /** The DTO class of the path parameters (`@Param()`). */
  paramsType?: DtoClass;
  /** Path parameters checked by a pipe of their own (`@Param('caseId', new ParseUUIDPipe())`). */
  pipedParams?: string[];
}

/** A DTO class (Nest and Swagger keep their metadata on it). */
export type DtoClass = abstract new (...args: never[]) => unknown;

const SWAGGER_API_PARAMETERS = 'swagger/apiParameters';
const isDtoClass = (type: unknown): type is DtoClass => typeof type === 'function' && ![Object, String, Number, Boolean, Array, Date].includes(type as never);

/** The DTO classes a handler takes as body, query and path, read from Nest's and Swagger's metadata. */
function argumentTypes(controller: DtoClass, name: string, handler: DtoClass): Pick<Route, 'bodyType' | 'queryType' | 'paramsType' | 'pipedParams'> {
  const args: Record<string, { index: number; data?: unknown; pipes?: unknown[] }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
  const types: unknown[] = Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? [];
  const of = (paramtype: RouteParamtypes) => {
    const arg = Object.entries(args).find(([key, value]) => key.split(':')[0] === String(paramtype) && value.data === undefined)?.[1];
    return arg && isDtoClass(types[arg.index]) ? (types[arg.index] as DtoClass) : undefined;
  };
  const documentedBody = ((Reflect.getMetadata(SWAGGER_API_PARAMETERS, handler) ?? []) as { in?: string; type?: unknown }[]).find((p) => p.in === 'body')?.type;
  const pipedParams = Object.entries(args)
    .filter(([key, value]) => key.split(':')[0] === String(RouteParamtypes.PARAM) && typeof value.data === 'string' && (value.pipes?.length ?? 0) > 0)
    .map(([, value]) => value.data as string);
  return { bodyType: of(RouteParamtypes.BODY) ?? (isDtoClass(documentedBody) ? documentedBody : undefined), queryType: of(RouteParamtypes.QUERY), paramsType: of(RouteParamtypes.PARAM), pipedParams };
}

const joinPath = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`;

/** Every HTTP route of a running Nest app, with its declared access policy: read from the controllers' metadata. */
export function routeTable(app: INestApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller) continue;
      const base: string = Reflect.getMetadata(PATH_METADATA, controller) ?? '';
      const classPolicy: AccessPolicy | undefined = Reflect.getMetadata(ACCESS_POLICY, controller);
      const classPublic = Reflect.getMetadata(PUBLIC_ROUTE, controller) === true;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
        const path: string | undefined = Reflect.getMetadata(PATH_METADATA, handler);
        if (method === undefined || path === undefined) continue;
        routes.push({
          method: RequestMethod[method] as Route['method'],
          path: joinPath(base, path),
          policy: Reflect.getMetadata(ACCESS_POLICY, handler) ?? classPolicy,
          isPublic: Reflect.getMetadata(PUBLIC_ROUTE, handler) === true || classPublic,
          ...argumentTypes(controller, name, handler),
        });
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** The tenant each role's test token carries: "own" and "other". */
export const matrixTenants: Record<Role, { own: { municipality?: string; house?: string }; other: { municipality?: string; house?: string } }> = {
  municipality: { own: { municipality: '751' }, other: { municipality: '101' } },
  boernehus: { own: { house: 'midt' }, other: { house: 'hovedstaden' } },
  ops: { own: { house: 'midt' }, other: { house: 'hovedstaden' } },
  police: { own: {}, other: {} },
  admin: { own: {}, other: {} },
};

export interface MatrixCase {
  route: Route;
  role: Role | 'anonymous';
  tenant: 'own' | 'other';
  /** What the answer must be: an exact status, or "passes the guard" (anything but 401/403). */
  expect: 401 | 403 | 'passes-guard';
}

/**
 * Every route × every role × own/other tenant, with the expected answer derived from the route's
 * declared policy. Requests name the tenant (body/query field) as the "own" tenant's value, so a
 * token for the other tenant must get 403.
 */
export function authorizationMatrix(routes: Route[]): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const route of routes.filter((r) => !r.isPublic)) {
    // An undeclared route is refused before anyone is asked who they are (fail closed).
    cases.push({ route, role: 'anonymous', tenant: 'own', expect: route.policy ? 401 : 403 });
    for (const role of roles) {
      for (const tenant of ['own', 'other'] as const) {
        const rule = route.policy?.[role];
        let expected: MatrixCase['expect'];
        if (!route.policy || rule === undefined) expected = 403;
        else if (role === 'ops' && route.method !== 'GET') expected = 403;
        else if (typeof rule === 'object' && tenant === 'other' && (role === 'municipality' || role === 'boernehus' || role === 'ops')) expected = 403;
        else expected = 'passes-guard';
        cases.push({ route, role, tenant, expect: expected });
      }
    }
  }
  return cases;
}

/** The request for a matrix case: params filled with placeholders, the tenant field set to the own tenant's value. */
export function matrixRequest(matrixCase: MatrixCase): { path: string; body?: Record<string, unknown> } {
  const { route } = matrixCase;
  let path = route.path.replace(/:(\w+)/g, (_m, name: string) => (/id$/i.test(name) && /case/i.test(name) ? '00000000-0000-4000-8000-000000000000' : `MATRIX-${name}`));
  const role = matrixCase.role === 'anonymous' ? undefined : matrixCase.role;
  const rule = role ? route.policy?.[role] : undefined;
  const own = role ? matrixTenants[role].own : {};
  const tenantValue = own.municipality ?? own.house;
  const body: Record<string, unknown> = {};
  if (rule && typeof rule === 'object' && tenantValue) {
    const field = (rule as TenantField).field;
    if (rule.in === 'body') body[field] = tenantValue;
    if (rule.in === 'query') path += `${path.includes('?') ? '&' : '?'}${field}=${encodeURIComponent(tenantValue)}`;
  }
  return { path, body: route.method === 'GET' || route.method === 'DELETE' ? undefined : body };
}

/** Runs every matrix case against a running service; returns the cases whose answer was not the expected one (a 5xx never is). */
export async function runAuthorizationMatrix(baseUrl: string, cases: MatrixCase[]): Promise<(MatrixCase & { got: number; code?: string })[]> {
  const failures: (MatrixCase & { got: number; code?: string })[] = [];
  for (const matrixCase of cases) {
    const { path, body } = matrixRequest(matrixCase);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (matrixCase.role !== 'anonymous') Object.assign(headers, await authHeaders(matrixCase.role, matrixTenants[matrixCase.role][matrixCase.tenant]));
    const response = await fetch(`${baseUrl}${path}`, { method: matrixCase.route.method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const answer = (await response.json().catch(() => ({}))) as { code?: string };
    // Past the guard the placeholder ids and bodies are refused or not found, never a crash.
    const ok = matrixCase.expect === 'passes-guard' ? response.status !== 401 && response.status !== 403 && response.status < 500 : response.status === matrixCase.expect;
    if (!ok) failures.push({ ...matrixCase, got: response.status, code: answer.code });
  }
  return failures;
}

/** Routes that declare neither a policy nor @Public(): each is a failure. */
export function undeclaredRoutes(routes: Route[]): string[] {
  return routes.filter((r) => !r.isPublic && !r.policy).map((r) => `${r.method} ${r.path}`);
}

/** Who may call what, one line per route (`municipality[body.municipalityCode] admin`): for an explicit, reviewed table in each service's test. */
export function accessSummary(routes: Route[]): Record<string, string> {
  const ruleText = (rule: AccessPolicy[Role]) => (rule === 'any' ? '' : rule === 'resource' ? '[resource]' : `[${rule!.in}.${rule!.field}${rule!.optional ? '?' : ''}]`);
  return Object.fromEntries(
    routes.map((r) => [
      `${r.method} ${r.path}`,
      r.isPublic ? 'public' : r.policy ? roles.filter((role) => r.policy![role] !== undefined).map((role) => `${role}${ruleText(r.policy![role])}`).join(' ') : 'UNDECLARED',
    ]),
  );
}

/** Constraints that admit only a bounded set of values, whatever else the property says. */
const CLOSED_SETS = new Set(['isIn', 'isEnum', 'isUuid', 'isBoolean', 'isCalendarDate', 'isKnownMunicipality', 'isTimestamp']);
/** A pattern without `*`, `+` or `{n,}` admits strings of bounded length only. */
const isBoundedPattern = (pattern: unknown) => pattern instanceof RegExp && pattern.source.startsWith('^') && pattern.source.endsWith('$') && !/(?<!\\)[*+]|\{\d+,\}/.test(pattern.source);

/** The DTO class of a nested property, from its @ApiProperty type (a class, or a lazy `() => Class`). */
function nestedTypeOf(type: DtoClass, property: string): DtoClass | undefined {
  const documented = (Reflect.getMetadata('swagger/apiModelProperties', type.prototype, property) as { type?: unknown } | undefined)?.type;
  const resolved = typeof documented === 'function' && !documented.prototype ? (documented as () => unknown)() : documented;
  return isDtoClass(resolved) ? resolved : undefined;
}

/** Why a DTO property admits values without bound (a string without maximum length, a number without minimum or maximum): none when it is bounded. */
function unboundedProperty(type: DtoClass, property: string, seen: Set<DtoClass>): string[] {
  const constraints = getMetadataStorage()
    .getTargetValidationMetadatas(type as never, '', true, false)
    .filter((m) => m.propertyName === property);
  const names = new Set(constraints.map((m) => m.name ?? m.type));
  const problems: string[] = [];
  if (constraints.some((m) => m.type === 'nestedValidation')) {
    const nested = nestedTypeOf(type, property);
    if (!nested) problems.push(`${property}: a nested object without a documented type`);
    else problems.push(...unboundedFieldsOf(nested, seen).map((p) => `${property}.${p}`));
  } else if (![...names].some((n) => CLOSED_SETS.has(n))) {
    const bounded =
      names.has('maxLength') ||
      constraints.some((m) => m.name === 'isLength' && Number.isFinite(m.constraints?.[1])) ||
      constraints.some((m) => m.name === 'matches' && isBoundedPattern(m.constraints?.[0])) ||
      ((names.has('isInt') || names.has('isNumber')) && (names.has('min') || names.has('isPositive')) && names.has('max'));
    if (!bounded) problems.push(`${property}: no bound (a string needs a maximum length or a bounded pattern, a number a minimum and a maximum)`);
  }
  if (names.has('isArray') && !names.has('arrayMaxSize')) problems.push(`${property}: a list without a maximum size`);
  return problems;
}

/** The properties of a DTO class that admit values without bound. */
export function unboundedFieldsOf(type: DtoClass, seen = new Set<DtoClass>()): string[] {
  if (seen.has(type)) return [];
  seen.add(type);
  const validated = getMetadataStorage().getTargetValidationMetadatas(type as never, '', true, false).map((m) => m.propertyName);
  const documented = ((Reflect.getMetadata('swagger/apiModelPropertiesArray', type.prototype) ?? []) as string[]).map((p) => p.replace(/^:/, ''));
  return [...new Set([...validated, ...documented])].flatMap((property) => unboundedProperty(type, property, seen));
}

/**
 * The inputs of a route that admit values without bound: path parameters neither in a bounded
 * `@Param()` DTO nor checked by a pipe, and unbounded fields of its query and body DTOs.
 */
export function unboundedInputsOf(route: Route): string[] {
  const name = `${route.method} ${route.path}`;
  const inParams = route.paramsType ? getMetadataStorage().getTargetValidationMetadatas(route.paramsType as never, '', true, false).map((m) => m.propertyName) : [];
  const paramProblems = [...route.path.matchAll(/:(\w+)/g)]
    .map((m) => m[1])
    .filter((p) => !route.pipedParams?.includes(p))
    .flatMap((p) => (inParams.includes(p) ? unboundedProperty(route.paramsType!, p, new Set()) : [`${p}: a path parameter without a @Param() DTO or a pipe`]));
  return [
    ...paramProblems.map((p) => `${name} path ${p}`),
    ...(route.queryType ? unboundedFieldsOf(route.queryType).map((p) => `${name} query ${p}`) : []),
    ...(route.bodyType ? unboundedFieldsOf(route.bodyType).map((p) => `${name} body ${p}`) : []),
  ];
}
