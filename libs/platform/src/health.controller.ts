import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Public } from './access';
import { KAFKA } from './tokens';

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))]);

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  /** Liveness: the process answers. */
  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is alive' })
  live() {
    return { status: 'up' };
  }

  /** Readiness: the service can do its work (its database and Kafka answer). */
  @Get()
  @ApiOkResponse({ description: 'Ready: database and Kafka answer' })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the body says which dependency is down' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const [database, kafka] = await Promise.all([
      withTimeout(this.dataSource.query('SELECT 1'), 2000).then(() => 'up' as const, () => 'down' as const),
      this.kafkaAnswers(),
    ]);
    const ready = database === 'up' && kafka === 'up';
    res.status(ready ? 200 : 503);
    return { status: ready ? 'up' : 'down', checks: { database, kafka } };
  }

  private async kafkaAnswers(): Promise<'up' | 'down'> {
    const admin = this.kafka.admin();
    try {
      await withTimeout(admin.connect().then(() => admin.describeCluster()), 3000);
      return 'up';
    } catch {
      return 'down';
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
