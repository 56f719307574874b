import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from './access';
import { HealthProbes } from './health-probes';

// For the platform's probes (docs/operations.md), not the integration API: outside the OpenAPI
// documents like /metrics, and not rate-limited (ADR 0098).
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly probes: HealthProbes) {}

  /** Liveness: the process answers. */
  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'up' };
  }

  /** Readiness: the service can do its work (its database and Kafka answer). */
  @Get()
  async ready(@Res({ passthrough: true }) res: Response) {
    const [database, kafka] = await Promise.all([this.probes.database(), this.probes.kafkaBroker()]);
    const ready = database === 'up' && kafka === 'up';
    res.status(ready ? 200 : 503);
    return { status: ready ? 'up' : 'down', checks: { database, kafka } };
  }
}
