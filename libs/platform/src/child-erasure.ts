import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { addDays, copenhagenDate, startOfCopenhagenDay } from '@sagsspor/calendar';
import type { Clock } from '@sagsspor/domain';
import { ChildRegistry } from '@sagsspor/child-identity';
import type { CommandSchedule, ScheduledCommandHandler } from '@sagsspor/event-store';
import { IsString, Length, Matches } from 'class-validator';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { Access } from './access';
import type { ServiceConfig } from './config';

const exampleChildRef = '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d';

export class ChildErasureRequest {
  @ApiProperty({ example: exampleChildRef, description: "The child's pseudonym (childRef), never the CPR" })
  @Matches(/^[0-9a-f]{64}$/, { message: 'childRef must be 64 lowercase hex characters' })
  childRef!: string;

  @ApiProperty({ example: 'request from the data protection officer, case 2025-117', description: 'Why (kept in the erasure record; no personal data)' })
  @IsString()
  @Length(3, 200)
  reason!: string;
}

export class ChildErasureAnswer {
  @ApiProperty({ example: exampleChildRef }) childRef!: string;
  @ApiProperty({ example: true, description: 'False when the child registry held nothing for the child (unknown, or erased before)' }) erased!: boolean;
}

export class ChildErasureRecord {
  @ApiProperty({ example: exampleChildRef }) childRef!: string;
  @ApiProperty({ maxLength: 200, example: 'request from the data protection officer, case 2025-117' }) reason!: string;
  @ApiProperty({ format: 'date-time', example: '2025-06-02T09:14:03.512Z' }) erasedAt!: string;
}

export class ChildErasureQuery {
  @ApiProperty({ example: exampleChildRef, description: "The child's pseudonym" }) @Matches(/^[0-9a-f]{64}$/, { message: 'childRef must be 64 lowercase hex characters' }) childRef!: string;
}

/**
 * Erasure of a child (admin only), through the child registry that every service receiving CPRs
 * shares (ADR 0099): the lookup hash, the child's key and the sealed CPR are deleted, so the CPR can
 * no longer be read from any copy (backups included) nor the pseudonym tied to it again; the
 * pseudonymous history stays. Asked of either service, it holds for both.
 */
@ApiTags('data protection')
@Controller('v1/admin/child-erasures')
export class ChildErasureController {
  constructor(private readonly registry: ChildRegistry) {}

  @Post()
  @HttpCode(200)
  @Access({ admin: 'any' })
  @ApiOkResponse({ type: ChildErasureAnswer })
  async erase(@Body() body: ChildErasureRequest): Promise<ChildErasureAnswer> {
    return { childRef: body.childRef, erased: await this.registry.erase(body.childRef, body.reason) };
  }

  @Get()
  @Access({ admin: 'any' })
  @ApiOkResponse({ type: ChildErasureRecord, isArray: true })
  list(@Query() query: ChildErasureQuery): Promise<ChildErasureRecord[]> {
    return this.registry.erasuresOf(query.childRef);
  }
}

const RETENTION_KIND = 'platform.child-vault-retention';

/**
 * The retention sweep, once a day: CPRs not received again for `cprRetentionDays` are crypto-shredded.
 * Durable: each day's sweep is a scheduled command that schedules the next day's.
 */
export function childRegistryRetention(config: ServiceConfig, registry: ChildRegistry, schedule: CommandSchedule, logger: Logger) {
  const scheduleFor = (day: string) => ({ id: `${RETENTION_KIND}:${day}`, dueAt: startOfCopenhagenDay(day), kind: RETENTION_KIND, payload: { day } });
  const handler: ScheduledCommandHandler = async (payload, { manager, now }) => {
    const { day } = payload as { day: string };
    const cutoff = new Date(now.getTime() - config.cprRetentionDays * 86_400_000);
    const erased = await registry.eraseNotSeenSince(cutoff, `retention: not received for ${config.cprRetentionDays} days`);
    if (erased > 0) logger.info({ erased, retentionDays: config.cprRetentionDays }, 'child registry retention: children erased');
    await schedule.schedule(manager, scheduleFor(addDays(day, 1)));
  };
  return {
    handlers: { [RETENTION_KIND]: handler } as Record<string, ScheduledCommandHandler>,
    /** Schedules today's sweep (idempotent) when retention is on. */
    start: async (dataSource: DataSource, clock: Clock) => {
      if (config.cprRetentionDays <= 0) return;
      await dataSource.transaction((m) => schedule.schedule(m, scheduleFor(copenhagenDate(clock()))));
    },
  };
}

