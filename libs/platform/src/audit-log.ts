import { type BeforeApplicationShutdown, Controller, Get, Inject, Injectable, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { tenantClaimOf, type Principal } from '@sagsspor/auth';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Access } from './access';
import { requestContextOf } from './request-context';
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

/** Requests that are not about case data: not audited. */
const NOT_AUDITED = /^\/(health|metrics|docs)(\/|$)/;

interface AuditEntry {
  subject: string | null;
  role: string | null;
  tenant: string | null;
  action: string;
  resource: Record<string, unknown>;
  outcome: number;
  correlationId: string;
}

/** How many entries one INSERT carries at most, and how long an entry waits for its batch. */
const AUDIT_BATCH_SIZE = 200;
const AUDIT_BATCH_WAIT_MS = 20;

/**
 * Writes audit entries in batches: one multi-row INSERT for the entries of up to 20 ms (or 200
 * entries), so auditing costs a fraction of a round trip per request instead of one. A reader of
 * the audit log (the admin endpoint) flushes first, so it sees every request answered before its
 * own; shutdown flushes too. A batch that cannot be written goes to the log, entry by entry.
 */
@Injectable()
export class AuditLog implements BeforeApplicationShutdown {
  private pending: AuditEntry[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  record(entry: AuditEntry): void {
    this.pending.push(entry);
    if (this.pending.length >= AUDIT_BATCH_SIZE) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), AUDIT_BATCH_WAIT_MS).unref();
  }

  /** Writes what is pending; resolves when everything recorded before the call is written (or logged). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.writing = this.writing.then(() => (batch.length > 0 ? this.write(batch) : undefined));
    return this.writing;
  }

  beforeApplicationShutdown(): Promise<void> {
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
    if (query.after !== undefined) add('entry_id > ?', query.after);
    if (query.outcome) where.push(outcomeFilter[query.outcome]);
    values.push(query.limit ?? 100);
    const rows: { entry_id: string; recorded_at: Date; subject: string | null; role: string | null; tenant: string | null; action: string; resource: Record<string, string>; outcome: number; correlation_id: string }[] =
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
    }));
  }

  private async write(batch: AuditEntry[]): Promise<void> {
    const values: unknown[] = [];
    const rows = batch.map((e) => {
      values.push(e.subject, e.role, e.tenant, e.action, JSON.stringify(e.resource), e.outcome, e.correlationId);
      const p = values.length - 7;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::jsonb, $${p + 6}, $${p + 7})`;
    });
    await this.dataSource
      .query(`INSERT INTO audit_log (subject, role, tenant, action, resource, outcome, correlation_id) VALUES ${rows.join(', ')}`, values)
      .catch((error: Error) => {
        for (const audit of batch) this.logger.error({ audit, error: error.message }, 'could not write the audit log entry');
      });
  }
}

/**
 * The route's ids as the audit log keeps them: an id no route takes (longer than an id may be, or
 * with characters outside CALLER_ID_PATTERN) was refused with 400, and only its length is kept, so
 * a probe cannot store 5,000 characters (or free text) in the log that is never deleted.
 */
export function auditedResource(params: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([name, raw]) => {
      const value = Array.isArray(raw) ? raw.join('/') : raw;
      return [name, value.length <= MAX_ID_LENGTH && CALLER_ID_PATTERN.test(value) ? value : `(refused: ${value.length} characters)`];
    }),
  );
}

/**
 * Records every request for case data when it ends: who (subject, role, tenant), what (method and
 * route pattern, with the route's ids), when, and the outcome (status). Never a body or a query
 * string, so never a CPR. Written after the answer, in batches (AuditLog).
 */
export function auditLogMiddleware(writer: AuditLog) {
  return (request: Request, response: Response, next: NextFunction) => {
    if (NOT_AUDITED.test(request.path)) return next();
    response.on('finish', () => {
      const principal = (request as Request & { principal?: Principal }).principal;
      const claim = principal ? tenantClaimOf(principal) : undefined;
      writer.record({
        subject: principal?.subject ?? null,
        role: principal?.role ?? null,
        tenant: claim ? `${claim.kind}:${claim.value}` : null,
        action: `${request.method} ${request.route?.path ? `${request.baseUrl ?? ''}${request.route.path}` : 'unmatched'}`,
        resource: request.route ? auditedResource(request.params ?? {}) : {},
        outcome: response.statusCode,
        correlationId: requestContextOf(request).correlationId,
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
  @ApiPropertyOptional({ enum: ['denied', 'failed', 'succeeded'] }) @IsOptional() @IsIn(['denied', 'failed', 'succeeded']) outcome?: 'denied' | 'failed' | 'succeeded';
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @IsBoundedInt(1, 1000) limit?: number;
  @ApiPropertyOptional({ description: 'Entries after this entryId (paging forward)' }) @IsOptional() @IsBoundedInt(0, Number.MAX_SAFE_INTEGER) after?: number;
}

export class AuditLogEntry {
  @ApiProperty({ example: 1042 }) entryId!: number;
  @ApiProperty({ example: '2025-06-02T09:14:03.512Z' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: 'dev-boernehus-midt', description: 'The token\'s subject; null when no valid token was sent' }) subject!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'boernehus' }) role!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'house:midt' }) tenant!: string | null;
  @ApiProperty({ example: 'GET /v1/cases/:caseId' }) action!: string;
  @ApiProperty({ example: { caseId: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f' } }) resource!: Record<string, string>;
  @ApiProperty({ example: 200 }) outcome!: number;
  @ApiProperty({ example: '8d3c6f0a-3b1e-4a55-9b63-2f5c1d7e9a10' }) correlationId!: string;
}

const outcomeFilter = { denied: 'outcome IN (401, 403)', failed: 'outcome >= 400 AND outcome NOT IN (401, 403)', succeeded: 'outcome < 400' } as const;

@ApiTags('audit')
@Controller('v1/admin/audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLog) {}

  @Get()
  @Access({ admin: 'any' })
  @ApiOkResponse({ type: AuditLogEntry, isArray: true, description: 'Oldest first; page with `after`' })
  list(@Query() query: AuditLogQuery): Promise<AuditLogEntry[]> {
    return this.auditLog.entries(query);
  }
}
