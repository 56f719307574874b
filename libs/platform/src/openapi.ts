import { ApiProperty, type HeaderObject, type OpenAPIObject, type OperationObject, type ResponseObject, type SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { PROBLEM_LIMITS } from './problem';
import { CORRELATION_ID, IDEMPOTENCY_KEY, TRACEPARENT } from './request-context';
import { TIMESTAMP } from './validation';

// What every service's OpenAPI document says beyond what each controller declares (ADR 0098):
// the limits its validation enforces, and the answers every route can give.

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

type Keywords = Partial<SchemaObject> & { type?: string };

/** The schema keywords a class-validator constraint (by its name) means; `undefined` when it says nothing a schema can. */
function keywordsOf(name: string, constraints: unknown[]): Keywords | undefined {
  const [first, second] = constraints as [unknown, number | undefined];
  switch (name) {
    case 'isLength':
      return { minLength: first as number, ...(second === undefined ? {} : { maxLength: second }) };
    case 'maxLength':
      return { maxLength: first as number };
    case 'minLength':
      return { minLength: first as number };
    case 'matches':
      return { pattern: first instanceof RegExp ? first.source : String(first) };
    case 'min':
      return { minimum: first as number };
    case 'max':
      return { maximum: first as number };
    case 'isPositive':
      return { minimum: 0, exclusiveMinimum: true };
    case 'isInt':
      return { type: 'integer' };
    case 'isIn':
      return { enum: [...(first as unknown[])] };
    case 'isUuid':
      return { format: 'uuid', maxLength: 36 };
    case 'isDateString':
      return { format: 'date-time' };
    case 'arrayMaxSize':
      return { maxItems: first as number };
    case 'arrayMinSize':
      return { minItems: first as number };
    case 'arrayUnique':
      return { uniqueItems: true };
    // The project's own validators (validation.ts).
    case 'isCalendarDate':
      return { format: 'date' };
    case 'isTimestamp':
      return { maxLength: 32, pattern: TIMESTAMP.source };
    case 'isKnownMunicipality':
      return { minLength: 3, maxLength: 3, pattern: '^\\d{3}$' };
    default:
      return undefined;
  }
}

const constraintName = (metadata: ValidationMetadata) =>
  metadata.name ?? getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls)[0]?.name ?? metadata.type;

const isArrayProperty = (property: Record<string, unknown>) => property.isArray === true || property.type === 'array' || Array.isArray(property.type);

const DOCUMENTABLE_TYPES = new Set<unknown>([String, Number, Boolean]);

/**
 * Writes what each request class's class-validator constraints enforce (lengths, patterns, bounds,
 * item counts, enums) into its @nestjs/swagger property metadata, so the document states the
 * limits the validation pipe applies without repeating them in @ApiProperty, as the swagger CLI
 * plugin's classValidatorShim would (the build is plain tsc). What a property's @ApiProperty says
 * itself wins; a validated property without one (a path DTO's field) is documented from its type.
 * Idempotent; runs before SwaggerModule.createDocument.
 */
export function documentValidationConstraints(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, ValidationMetadata[]> };
  for (const [target, metadatas] of storage.validationMetadatas) {
    if (typeof target !== 'function') continue;
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const metadata of metadatas) byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
    for (const [propertyName, constraints] of byProperty) {
      let documented = Reflect.getMetadata(SWAGGER_PROPERTY, target.prototype, propertyName) as Record<string, unknown> | undefined;
      if (!documented) {
        const type = Reflect.getMetadata('design:type', target.prototype, propertyName) as unknown;
        if (!DOCUMENTABLE_TYPES.has(type)) continue;
        ApiProperty({ type: type as StringConstructor, required: !constraints.some((c) => c.type === 'conditionalValidation') })(target.prototype, propertyName);
        documented = Reflect.getMetadata(SWAGGER_PROPERTY, target.prototype, propertyName) as Record<string, unknown>;
      }
      const own: Keywords = {};
      const items: Keywords = {};
      for (const metadata of constraints) Object.assign(metadata.each ? items : own, keywordsOf(constraintName(metadata), metadata.constraints ?? []));
      const property = { ...documented };
      for (const [key, value] of Object.entries(own)) {
        if (key === 'type') {
          if (property.type === Number || property.type === 'number' || property.type === undefined) property.type = value;
        } else if (property[key] === undefined) property[key] = value;
      }
      if (Object.keys(items).length > 0 && (isArrayProperty(property) || property.type === Array)) {
        const documentedItems = (property.items ?? {}) as Keywords;
        const itemType = typeof property.type === 'function' && property.type !== Array ? property.type.name.toLowerCase() : typeof property.type === 'string' && property.type !== 'array' ? property.type : undefined;
        property.items = { type: itemType ?? typeof (items.enum?.[0] ?? ''), ...items, ...documentedItems };
        property.type = 'array';
        delete property.isArray;
      }
      Reflect.defineMetadata(SWAGGER_PROPERTY, property, target.prototype, propertyName);
    }
  }
}

/** The answers' headers the rate limiter (express-rate-limit, IETF draft 8 headers, http-hardening.ts) and request context send. */
export const RESPONSE_HEADERS = ['RateLimit', 'RateLimit-Policy', 'X-Correlation-Id', 'traceparent', 'Access-Control-Allow-Origin'] as const;

const headerFormat = (format: string, description: string, maxLength: number): HeaderObject & { schema: SchemaObject } => ({ description, schema: { type: 'string', format, maxLength } });

const headerText = (description: string, maxLength: number, pattern?: string): HeaderObject & { schema: SchemaObject } => ({
  description,
  schema: { type: 'string', maxLength, ...(pattern ? { pattern } : {}) },
});

/** How each answer header is documented (components.headers); the http-conventions int spec checks the answers against these. */
export const RESPONSE_HEADER_DOCS: Record<string, HeaderObject & { schema: SchemaObject }> = {
  RateLimit: headerText(
    'The client\'s remaining quota in the current window (`r`) and seconds until it resets (`t`), for the policy named in RateLimit-Policy (IETF draft-ietf-httpapi-ratelimit-headers-08), e.g. `"6000-in-1min"; r=5999; t=60`. Sent on every answer but /health and /metrics while a limit is configured (RATE_LIMIT_PER_MINUTE > 0, the default).',
    200,
    '^"[^"]+"; r=\\d+; t=\\d+$',
  ),
  'RateLimit-Policy': headerText(
    'The limit itself: quota (`q`) per window of `w` seconds, and the partition key (`pk`) that identifies the client\'s bucket, e.g. `"6000-in-1min"; q=6000; w=60; pk=:ZmM1YTI0:`.',
    200,
    '^"[^"]+"; q=\\d+; w=\\d+; pk=:[A-Za-z0-9+/=]*:$',
  ),
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 3600 } },
  'X-Correlation-Id': headerText('The request\'s correlation id: the caller\'s `X-Correlation-Id` when it sent a valid one, else a new UUID. Quote it when reporting a problem.', 100, CORRELATION_ID.source),
  traceparent: headerText('W3C trace context of this request: the caller\'s trace id (when it sent a valid `traceparent`) with the service\'s own span id', 55, TRACEPARENT.source),
  'Access-Control-Allow-Origin': headerFormat(
    'uri',
    'Only when the service is configured with CORS_ORIGINS and the request\'s Origin is one of them; by default no origin is allowed and the header is absent.',
    2048,
  ),
};

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', maxLength: PROBLEM_LIMITS.code + 40, pattern: '^urn:sagsspor:problem:[a-z0-9-]+$', example: 'urn:sagsspor:problem:request-invalid' },
    title: { type: 'string', maxLength: PROBLEM_LIMITS.title, example: 'The request is invalid' },
    status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599, example: 400 },
    detail: { type: 'string', maxLength: PROBLEM_LIMITS.detail, example: 'Check these fields: receivedAt' },
    code: { type: 'string', maxLength: PROBLEM_LIMITS.code, pattern: '^[A-Z0-9_.]+$', example: 'REQUEST.INVALID', description: 'Stable and machine-readable; the integration guide lists them' },
    instance: { type: 'string', maxLength: PROBLEM_LIMITS.instance, pattern: '^/', example: '/v1/underretninger', description: 'The request\'s path' },
    errors: {
      type: 'array',
      maxItems: PROBLEM_LIMITS.errors,
      description: 'With REQUEST.INVALID (and other refusals of what was sent): one entry per failed check',
      example: [{ field: 'receivedAt', message: 'receivedAt must be a real date written YYYY-MM-DD' }],
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', maxLength: PROBLEM_LIMITS.field, example: 'receivedAt' },
          message: { type: 'string', maxLength: PROBLEM_LIMITS.message, example: 'receivedAt must be a real date written YYYY-MM-DD' },
          line: { type: 'integer', format: 'int32', minimum: 1, maximum: 2147483647, example: 3, description: 'In an uploaded file (a FOLK1A export): the line' },
          column: { type: 'string', maxLength: PROBLEM_LIMITS.field, example: 'INDHOLD', description: 'In an uploaded file: the column' },
        },
      },
    },
  },
};

const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
const everyAnswerHeaders = () => Object.fromEntries(RESPONSE_HEADERS.map((name) => [name, headerRef(name)]));
const problemContent = () => ({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });

/** The answers any route may give, by status, and when they apply. */
const COMMON_ANSWERS: { status: string; description: string; applies: (operation: OperationObject, path: string) => boolean; retryAfter?: boolean }[] = [
  {
    status: '400',
    description: 'The request is invalid: REQUEST.INVALID naming each bad field (also for a path or query holding control characters or a CPR number), or REQUEST.MALFORMED_JSON',
    applies: () => true,
  },
  { status: '401', description: 'No valid bearer token (AUTH.UNAUTHENTICATED); `WWW-Authenticate: Bearer`', applies: (operation) => (operation.security ?? []).length > 0 },
  { status: '403', description: 'The token\'s role or tenant may not call this route', applies: (operation) => (operation.security ?? []).length > 0 },
  { status: '404', description: 'No such resource, or another tenant\'s (the two answer alike)', applies: (_operation, path) => path.includes('{') },
  { status: '413', description: 'The body is larger than the route accepts (REQUEST.TOO_LARGE): a JSON body HTTP_BODY_LIMIT, 64 kB by default; a route taking another type says its limit with its body', applies: (operation) => operation.requestBody !== undefined },
  {
    status: '415',
    description: 'The body\'s charset or Content-Encoding is not supported (REQUEST.UNSUPPORTED_MEDIA_TYPE): send UTF-8, uncompressed or gzip/deflate/br',
    applies: (operation) => operation.requestBody !== undefined,
  },
  { status: '429', description: 'Too many requests from this client (REQUEST.RATE_LIMITED); retry after Retry-After seconds', applies: () => true, retryAfter: true },
  { status: '500', description: 'Something went wrong on the service\'s side (SERVICE.INTERNAL_ERROR); it has been logged', applies: () => true },
  {
    status: '503',
    description: 'A backing service (the database) is unavailable, or a race was still lost after retries (SERVICE.UNAVAILABLE); nothing was written, retry after Retry-After seconds',
    applies: () => true,
    retryAfter: true,
  },
];

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/** The administrative API: its own security scheme, so a gateway can treat it apart (OWASP API5). */
const ADMIN_PATH = '/v1/admin/';

const bearerDescription = (who: string) =>
  `${who} A JWT (RFC 7519) signed by the identity provider (RS256, keys from its JWKS; HS256 with the development key locally), verified as RFC 8725 (RFC8725, JWT best current practices) advises: the algorithm is pinned, \`exp\` and \`sub\` are required, and \`aud\` and \`iss\` are checked. The token's role and tenant claims decide what it may do (403 otherwise).`;

/** Walks every schema object in the document (components, parameters, bodies, answers). */
function eachSchema(node: unknown, visit: (schema: SchemaObject) => void): void {
  if (Array.isArray(node)) return node.forEach((child) => eachSchema(child, visit));
  if (node === null || typeof node !== 'object') return;
  if (typeof (node as SchemaObject).type === 'string') visit(node as SchemaObject);
  Object.values(node).forEach((child) => eachSchema(child, visit));
}

const LIMIT_KEYWORDS = ['maxLength', 'minLength', 'pattern', 'format', 'enum'] as const;
type Limits = Pick<SchemaObject, (typeof LIMIT_KEYWORDS)[number]>;
const limitsOf = (schema: SchemaObject): Limits => Object.fromEntries(LIMIT_KEYWORDS.filter((key) => schema[key] !== undefined).map((key) => [key, schema[key]]));

/**
 * A field is the same thing wherever the API names it (`caseId`, `receivedAt`, `municipalityCode`):
 * a string property or parameter without a maxLength takes the limits that the other properties
 * and parameters of that name agree on (those of the request that the validation enforces).
 * Names whose limits differ between places are left alone.
 */
/**
 * Fields that are the same thing in every service, also where a service only answers with them
 * (the case-lifecycle shows the municipality and child of a referral made in referrals).
 */
const SHARED_FIELDS: Record<string, Limits> = {
  childRef: { minLength: 64, maxLength: 64, pattern: '^[0-9a-f]{64}$' },
  municipalityCode: { minLength: 3, maxLength: 3, pattern: '^\\d{3}$' },
  caseId: { format: 'uuid', maxLength: 36 },
  // The callers' own ids: at most 100 characters wherever a request sends them (their DTOs).
  referralId: { maxLength: 100 },
  interviewId: { maxLength: 100 },
  conferenceId: { maxLength: 100 },
  examinationId: { maxLength: 100 },
};

function sameNameSameLimits(document: OpenAPIObject): void {
  const named: { name: string; schema: SchemaObject }[] = [];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (node === null || typeof node !== 'object') return;
    const { properties, name, schema, in: location } = node as { properties?: Record<string, SchemaObject>; name?: string; schema?: SchemaObject; in?: string };
    if (properties && typeof properties === 'object') for (const [key, property] of Object.entries(properties)) named.push({ name: key, schema: property });
    if (typeof name === 'string' && location && schema) named.push({ name, schema });
    Object.values(node).forEach(collect);
  };
  collect(document);
  const agreed = new Map<string, Limits | null>(Object.entries(SHARED_FIELDS));
  for (const { name, schema } of named) {
    if (schema.type !== 'string' || (schema.maxLength === undefined && !schema.enum) || SHARED_FIELDS[name]) continue;
    const limits = JSON.stringify(limitsOf(schema));
    const known = agreed.get(name);
    agreed.set(name, known === undefined ? limitsOf(schema) : known && JSON.stringify(known) === limits ? known : null);
  }
  for (const { name, schema } of named) {
    const limits = agreed.get(name);
    if (schema.type === 'string' && schema.maxLength === undefined && !schema.enum && limits) Object.assign(schema, { ...limits, ...limitsOf(schema) });
  }
}

/**
 * The longest text a pattern accepts, when it has a longest: anchored, built of characters,
 * escapes, classes and groups with bounded repeats (`^\\d{6}-?\\d{4}$` is 11). Undefined for
 * `*`, `+`, `{n,}`, lookarounds and back-references.
 */
export function longestMatch(pattern: string): number | undefined {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return undefined;
  let at = 1;
  const end = pattern.length - 1;
  // A sequence of alternatives up to `)` or the end: the longest of them.
  const alternatives = (): number | undefined => {
    let longest = 0;
    let current = 0;
    while (at < end && pattern[at] !== ')') {
      if (pattern[at] === '|') {
        at++;
        longest = Math.max(longest, current);
        current = 0;
        continue;
      }
      const atom = atomLength();
      const repeat = atom === undefined ? undefined : repeatOf();
      if (atom === undefined || repeat === undefined) return undefined;
      current += atom * repeat;
    }
    return Math.max(longest, current);
  };
  const atomLength = (): number | undefined => {
    const char = pattern[at];
    if (char === '\\') {
      const escaped = pattern[at + 1];
      if (/[1-9bBk]/.test(escaped)) return undefined;
      if (escaped === 'x') return (at += 4), 1;
      if (escaped === 'u') return (at += 6), 1;
      return (at += 2), 1;
    }
    if (char === '[') {
      at++;
      while (at < end && pattern[at] !== ']') at += pattern[at] === '\\' ? 2 : 1;
      return (at += 1), 1;
    }
    if (char === '(') {
      at++;
      if (pattern[at] === '?') {
        if (pattern[at + 1] !== ':') return undefined;
        at += 2;
      }
      const inner = alternatives();
      if (pattern[at] !== ')') return undefined;
      at++;
      return inner;
    }
    if ('*+?{}^$|'.includes(char)) return undefined;
    at++;
    return 1;
  };
  const repeatOf = (): number | undefined => {
    const char = pattern[at];
    if (char === '*' || char === '+') return undefined;
    if (char === '?') return (at += 1), 1;
    if (char !== '{') return 1;
    const close = pattern.indexOf('}', at);
    const match = /^\{(\d+)(,(\d*))?\}$/.exec(pattern.slice(at, close + 1));
    if (!match || match[3] === '') return undefined;
    at = close + 1;
    return Number(match[3] ?? match[1]);
  };
  const longest = alternatives();
  return at === end ? longest : undefined;
}

function patternLimitsLength(schema: SchemaObject): void {
  if (schema.type !== 'string' || schema.maxLength !== undefined || !schema.pattern) return;
  const longest = longestMatch(schema.pattern);
  if (longest !== undefined) schema.maxLength = longest;
}

/** Lengths a format itself fixes: the longest text of that format (RFC 3339 date-time with nanoseconds and an offset). */
const FORMAT_MAX_LENGTH: Record<string, number> = { date: 10, 'date-time': 35, uuid: 36 };
const INT32 = 2 ** 31;

/**
 * Completes a service's generated document with what holds for every route (ADR 0098): the
 * problem+json answers (400, 401, 403, 404, 413, 415, 429, 500, 503) where they apply, Retry-After
 * on 429 and 503, the rate-limit and correlation headers on every answer, the bearer schemes
 * (one for /v1/admin), the tags, and lengths that a string's format fixes. Answers a controller
 * declares keep their description; they get the problem body and headers too.
 */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  eachSchema(document, patternLimitsLength);
  sameNameSameLimits(document);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA },
    headers: { ...document.components?.headers, ...RESPONSE_HEADER_DOCS },
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: bearerDescription('A token of any role (municipality, boernehus, police, ops, admin).') },
      admin: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: bearerDescription('The administrative API (/v1/admin): a token of role admin (ops too where the 403 answer says so).') },
    },
  };
  const tags = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.tags?.forEach((tag) => tags.add(tag));
      for (const parameter of (operation.parameters ?? []) as { name?: string; in?: string; schema?: SchemaObject }[]) {
        if (parameter.in === 'header' && parameter.name?.toLowerCase() === 'idempotency-key') parameter.schema = { type: 'string', minLength: 1, maxLength: 200, pattern: IDEMPOTENCY_KEY.source };
      }
      if (path.startsWith(ADMIN_PATH) && operation.security?.length) operation.security = [{ admin: [] }];
      for (const answer of COMMON_ANSWERS) {
        if (!answer.applies(operation, path) || operation.responses[answer.status]) continue;
        operation.responses[answer.status] = { description: answer.description };
      }
      for (const [status, response] of Object.entries(operation.responses) as [string, ResponseObject][]) {
        response.headers = {
          ...response.headers,
          ...everyAnswerHeaders(),
          ...(COMMON_ANSWERS.find((answer) => answer.status === status)?.retryAfter ? { 'Retry-After': headerRef('Retry-After') } : {}),
        };
        if (/^[45]/.test(status) && !response.content) response.content = problemContent();
      }
    }
  }
  document.tags = [...(document.tags ?? []), ...[...tags].filter((tag) => !document.tags?.some((known) => known.name === tag)).map((name) => ({ name }))];
  eachSchema(document, (schema) => {
    if (schema.type === 'string' && schema.format && schema.maxLength === undefined && FORMAT_MAX_LENGTH[schema.format]) schema.maxLength = FORMAT_MAX_LENGTH[schema.format];
    if (schema.type === 'integer' && !schema.format) {
      schema.format = (schema.minimum ?? -INT32) >= -INT32 && (schema.maximum ?? INT32) < INT32 && schema.minimum !== undefined && schema.maximum !== undefined ? 'int32' : 'int64';
    }
  });
  return document;
}
