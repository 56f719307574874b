import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from './access';
import { HealthProbes } from './health-probes';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly probes: HealthProbes) {}

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
    const [database, kafka] = await Promise.all([this.probes.database(), this.probes.kafkaBroker()]);
    const ready = database === 'up' && kafka === 'up';
    res.status(ready ? 200 : 503);
    return { status: ready ? 'up' : 'down', checks: { database, kafka } };
  }
}
