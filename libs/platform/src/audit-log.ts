import { type BeforeApplicationShutdown, Controller, Get, Inject, Injectable, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { roles, tenantClaimOf } from '@sagsspor/auth';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Access, type AuthenticatedRequest } from './access';
import { clientAddressOf, CORRELATION_ID, requestContextOf } from './request-context';
import { CALLER_ID_PATTERN, IsBoundedInt, IsTimestamp, MAX_ID_LENGTH } from './validation';
import { LOGGER } from './tokens';

/** The audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
export class AuditLogSchema1764000000002 implements MigrationInterface {
  name = 'AuditLogSchema1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        entry_id       bigserial   PRIMARY KEY,
        recorded_at    timestamptz NOT NULL DEFAULT now(),
        subject        text,
        role           text,
        tenant         text,
        action         text        NOT NULL,
        resource       jsonb       NOT NULL DEFAULT '{}'::jsonb,
        outcome        integer     NOT NULL,
        correlation_id text        NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_recorded_at ON audit_log (recorded_at)`);
    await q.query(`CREATE INDEX audit_log_subject ON audit_log (subject, recorded_at)`);
    await q.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_is_append_only()`);
  }
}

/** Who called from where, and how many refused requests a row stands for (ADR 0096). */
export class AuditLogClientAddress1766000000000 implements MigrationInterface {
  name = 'AuditLogClientAddress1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ADD COLUMN client_address text, ADD COLUMN occurrences integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP COLUMN client_address, DROP COLUMN occurrences`);
  }
}

/** Requests that are not about case data: not audited. */
const NOT_AUDITED = /^\/(health|metrics|docs)(\/|$)/;

export interface AuditEntry {
  subject: string | null;
  role: string | null;
  tenant: string | null;
  action: string;
  resource: Record<string, string>;
  outcome: number;
  correlationId: string;
  /** The client's address as the rate limit keys it (an IPv4 address, or the IPv6 /56 network). */
  clientAddress: string;
  /** How many requests the entry stands for: 1, or the 401s from one address counted in one window. */
  occurrences: number;
}

/** How many entries one INSERT carries at most, and how long an entry waits for its batch. */
const AUDIT_BATCH_SIZE = 200;
const AUDIT_BATCH_WAIT_MS = 20;

/** 401s from one address are counted, not recorded one by one, in windows of this length (ADR 0096). */
export const UNAUTHENTICATED_WINDOW_MS = 60_000;
/** At most this many addresses are counted at once; more close the window early (memory stays bounded). */
const UNAUTHENTICATED_ADDRESSES = 10_000;
/** The action of the row that counts an address's further 401s of a window. */
export const REPEATED_UNAUTHENTICATED_ACTION = 'repeated unauthenticated requests';

/** The 401s of one address in the current window: the first was recorded; the rest are counted. */
interface UnauthenticatedWindow {
  further: number;
  lastCorrelationId: string;
}

/**
 * Refused requests without a valid token (401) cost an attacker nothing: recorded one by one they
 * would grow the append-only audit log without bound. Per client address and window, the first
 * 401 is recorded as it is, the further ones counted, and one row with their count
 * (`occurrences`) is written when the window closes: at most two rows per address and window.
 */
export class UnauthenticatedCounter {
  private readonly windows = new Map<string, UnauthenticatedWindow>();

  /** The entry to record now, or undefined when the address already has a row in this window. */
  count(entry: AuditEntry): AuditEntry | undefined {
    const open = this.windows.get(entry.clientAddress);
    if (open) {
      open.further += 1;
      open.lastCorrelationId = entry.correlationId;
      return undefined;
    }
    this.windows.set(entry.clientAddress, { further: 0, lastCorrelationId: entry.correlationId });
    return entry;
  }

  get full(): boolean {
    return this.windows.size >= UNAUTHENTICATED_ADDRESSES;
  }

  /** Closes every window: one row per address that sent further 401s, with their count. */
  close(): AuditEntry[] {
    const rows = [...this.windows]
      .filter(([, w]) => w.further > 0)
      .map(([clientAddress, w]) => ({
        subject: null,
        role: null,
        tenant: null,
        action: REPEATED_UNAUTHENTICATED_ACTION,
        resource: {},
        outcome: 401,
        correlationId: w.lastCorrelationId,
        clientAddress,
        occurrences: w.further,
      }));
    this.windows.clear();
    return rows;
  }
}

/**
 * Writes audit entries in batches: one multi-row INSERT for the entries of up to 20 ms (or 200
 * entries), so auditing costs a fraction of a round trip per request instead of one. A reader of
 * the audit log (the admin endpoint) flushes first, so it sees every request answered before its
 * own; shutdown flushes too. A batch that cannot be written goes to the log, entry by entry.
 * 401s are counted per client address and window (UnauthenticatedCounter), not written one by one.
 */
@Injectable()
export class AuditLog implements BeforeApplicationShutdown {
  private pending: AuditEntry[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private readonly unauthenticated = new UnauthenticatedCounter();
  private windowTimer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  record(entry: AuditEntry): void {
    if (entry.outcome === 401) {
      const first = this.unauthenticated.count(entry);
      this.windowTimer ??= setInterval(() => this.closeUnauthenticatedWindows(), UNAUTHENTICATED_WINDOW_MS).unref();
      if (this.unauthenticated.full) this.closeUnauthenticatedWindows();
      if (!first) return;
    }
    this.append(entry);
  }

  private append(entry: AuditEntry): void {
    this.pending.push(entry);
    if (this.pending.length >= AUDIT_BATCH_SIZE) void this.writePending();
    else this.timer ??= setTimeout(() => void this.writePending(), AUDIT_BATCH_WAIT_MS).unref();
  }

  private closeUnauthenticatedWindows(): void {
    for (const row of this.unauthenticated.close()) this.append(row);
  }

  /**
   * Writes what is pending, the counts of the open 401 windows included (which closes them);
   * resolves when everything recorded before the call is written (or logged).
   */
  flush(): Promise<void> {
    this.closeUnauthenticatedWindows();
    return this.writePending();
  }

  private writePending(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.writing = this.writing.then(() => (batch.length > 0 ? this.write(batch) : undefined));
    return this.writing;
  }

  beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.windowTimer);
    return this.flush();
  }

  /** Entries, oldest first: everything recorded before the call is written first. */
  async entries(query: AuditLogQuery): Promise<AuditLogEntry[]> {
    await this.flush();
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (query.from) add('recorded_at >= ?', query.from);
    if (query.to) add('recorded_at < ?', query.to);
    if (query.subject) add('subject = ?', query.subject);
    if (query.action) add('action = ?', query.action);
    if (query.clientAddress) add('client_address = ?', query.clientAddress);
    if (query.after !== undefined) add('entry_id > ?', query.after);
    if (query.outcome) where.push(outcomeFilter[query.outcome]);
    values.push(query.limit ?? 100);
    const rows: {
      entry_id: string;
      recorded_at: Date;
      subject: string | null;
      role: string | null;
      tenant: string | null;
      action: string;
      resource: Record<string, string>;
      outcome: number;
      correlation_id: string;
      client_address: string | null;
      occurrences: number;
    }[] =
      await this.dataSource.query(
        `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY entry_id LIMIT $${values.length}`,
        values,
      );
    return rows.map((r) => ({
      entryId: Number(r.entry_id),
      recordedAt: r.recorded_at.toISOString(),
      subject: r.subject,
      role: r.role,
      tenant: r.tenant,
      action: r.action,
      resource: r.resource,
      outcome: r.outcome,
      correlationId: r.correlation_id,
      clientAddress: r.client_address,
      occurrences: r.occurrences,
    }));
  }

  private async write(batch: AuditEntry[]): Promise<void> {
    const values: unknown[] = [];
    const rows = batch.map((e) => {
      values.push(e.subject, e.role, e.tenant, e.action, JSON.stringify(e.resource), e.outcome, e.correlationId, e.clientAddress, e.occurrences);
      const p = values.length - 9;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::jsonb, $${p + 6}, $${p + 7}, $${p + 8}, $${p + 9})`;
    });
    await this.dataSource
      .query(`INSERT INTO audit_log (subject, role, tenant, action, resource, outcome, correlation_id, client_address, occurrences) VALUES ${rows.join(', ')}`, values)
      .catch((error: Error) => {
        for (const audit of batch) this.logger.error({ audit, error: error.message }, 'could not write the audit log entry');
      });
  }
}

/** Body fields that name a resource (`*Id`) or its tenant, recorded with a write (ADR 0096). */
const RESOURCE_FIELD = /^([a-z][A-Za-z]*Id|municipalityCode|houseCode|policeDistrict)$/;
/** An id as the services accept one (IsCallerId); anything else was refused by validation and is not copied into the log. */
const isIdValue = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_ID_LENGTH && CALLER_ID_PATTERN.test(value);
/** Stands in for a route value that is no id (too long, other characters): the request was refused, only the value's length is kept. */
export const notAnId = (value: string) => `(refused: ${value.length} characters)`;

/**
 * What a request was about: the route's ids, the ids and tenant codes of the body (a create names
 * its resource there), and the tenant of the resource the handler checked (assertTenant). Only
 * string values of id form, so never free text; and only for a routed request, i.e. one that
 * passed the check at the door for CPR-shaped text (ADR 0080).
 */
export function auditedResourceOf(params: Record<string, string | string[]>, body: unknown, resourceTenant: { municipalityCode?: string; houseCode?: string } = {}): Record<string, string> {
  const fromBody =
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? Object.entries(body as Record<string, unknown>).filter((e): e is [string, string] => RESOURCE_FIELD.test(e[0]) && isIdValue(e[1]))
      : [];
  const ofTenant = Object.entries({ municipalityCode: resourceTenant.municipalityCode, houseCode: resourceTenant.houseCode }).filter((e): e is [string, string] => isIdValue(e[1]));
  const ofRoute = Object.entries(params).map(([name, raw]) => {
    const value = Array.isArray(raw) ? raw.join('/') : raw;
    return [name, isIdValue(value) ? value : notAnId(value)];
  });
  return { ...Object.fromEntries(ofTenant), ...Object.fromEntries(fromBody), ...Object.fromEntries(ofRoute) };
}

/**
 * Records every request for case data when it ends: who (subject, role, tenant) from where (client
 * address), what (method and route pattern, with the resource it named), when, and the outcome
 * (status). Never a body or a query string, so never a CPR. Written after the answer, in batches;
 * 401s counted per address (AuditLog).
 */
export function auditLogMiddleware(writer: AuditLog) {
  return (request: Request, response: Response, next: NextFunction) => {
    if (NOT_AUDITED.test(request.path)) return next();
    response.on('finish', () => {
      const { principal, resourceTenant } = request as AuthenticatedRequest;
      const claim = principal ? tenantClaimOf(principal) : undefined;
      writer.record({
        subject: principal?.subject ?? null,
        role: principal?.role ?? null,
        tenant: claim ? `${claim.kind}:${claim.value}` : null,
        action: `${request.method} ${request.route?.path ? `${request.baseUrl ?? ''}${request.route.path}` : 'unmatched'}`,
        resource: request.route ? auditedResourceOf(request.params ?? {}, request.body, resourceTenant) : {},
        outcome: response.statusCode,
        correlationId: requestContextOf(request).correlationId,
        clientAddress: clientAddressOf(request),
        occurrences: 1,
      });
    });
    next();
  };
}

export class AuditLogQuery {
  @ApiPropertyOptional({ example: '2025-06-01T00:00:00Z' }) @IsOptional() @IsTimestamp() from?: string;
  @ApiPropertyOptional({ example: '2025-07-01T00:00:00Z' }) @IsOptional() @IsTimestamp() to?: string;
  @ApiPropertyOptional({ example: 'dev-boernehus-midt' }) @IsOptional() @IsString() @MaxLength(200) subject?: string;
  @ApiPropertyOptional({ example: 'POST /v1/referrals/:referralId/accept' }) @IsOptional() @IsString() @MaxLength(200) action?: string;
  @ApiPropertyOptional({ example: '203.0.113.7', description: 'Entries from this client address (an IPv4 address, or an IPv6 /56 network as recorded)' }) @IsOptional() @IsString() @MaxLength(64) clientAddress?: string;
  @ApiPropertyOptional({ enum: ['denied', 'failed', 'succeeded'] }) @IsOptional() @IsIn(['denied', 'failed', 'succeeded']) outcome?: 'denied' | 'failed' | 'succeeded';
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @IsBoundedInt(1, 1000) limit?: number;
  @ApiPropertyOptional({ description: 'Entries after this entryId (paging forward)' }) @IsOptional() @IsBoundedInt(0, Number.MAX_SAFE_INTEGER) after?: number;
}

export class AuditLogEntry {
  @ApiProperty({ example: 1042 }) entryId!: number;
  @ApiProperty({ format: 'date-time', example: '2025-06-02T09:14:03.512Z' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true, maxLength: 200, example: 'dev-boernehus-midt', description: 'The token\'s subject; null when no valid token was sent' }) subject!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: roles, example: 'boernehus' }) role!: string | null;
  @ApiProperty({ type: String, nullable: true, maxLength: 20, pattern: '^(municipality:\\d{3}|house:[a-z]+)$', example: 'house:midt' }) tenant!: string | null;
  @ApiProperty({ maxLength: 200, example: 'GET /v1/cases/:caseId', description: 'The method and route pattern (`unmatched` for no route)' }) action!: string;
  @ApiProperty({ example: { caseId: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f', houseCode: 'midt', municipalityCode: '751' }, description: 'The route\'s ids, the ids and tenant codes of the body, and the tenant of the resource the service checked' })
  resource!: Record<string, string>;
  @ApiProperty({ example: 200 }) outcome!: number;
  @ApiProperty({ maxLength: 100, pattern: CORRELATION_ID.source, example: '8d3c6f0a-3b1e-4a55-9b63-2f5c1d7e9a10' }) correlationId!: string;
  @ApiProperty({ type: String, nullable: true, maxLength: 45, example: '203.0.113.7', description: 'The client address (an IPv4 address, or the IPv6 /56 network), as the rate limit sees it behind the configured proxies; null on entries from before it was recorded' })
  clientAddress!: string | null;
  @ApiProperty({ minimum: 1, example: 1, description: `How many requests the entry stands for: 1, or (action "${REPEATED_UNAUTHENTICATED_ACTION}") the further 401s from one address in one window` })
  occurrences!: number;
}

const outcomeFilter = { denied: 'outcome IN (401, 403)', failed: 'outcome >= 400 AND outcome NOT IN (401, 403)', succeeded: 'outcome < 400' } as const;

@ApiTags('audit')
@Controller('v1/admin/audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLog) {}

  @Get()
  @Access({ admin: 'any' })
  @ApiOkResponse({ schema: { type: 'array', maxItems: 1000, items: { $ref: getSchemaPath(AuditLogEntry) } }, description: 'Oldest first, at most `limit`; page with `after`' })
  @ApiExtraModels(AuditLogEntry)
  list(@Query() query: AuditLogQuery): Promise<AuditLogEntry[]> {
    return this.auditLog.entries(query);
  }
}
