import { type DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@sagsspor/contracts';
import { ServiceInfrastructureModule, type ServiceConfig, type ServiceOverrides } from '@sagsspor/platform';
import type { Logger } from 'pino';
import { ActivityHttpController } from './activity/activity.http.controller';
import { ActivityKafkaController } from './activity/activity.kafka.controller';
import { ActivityCounts1763900001000 } from './activity/activity.migration';

@Module({})
export class ReportingModule {
  static forRoot(config: ServiceConfig, logger: Logger, overrides: ServiceOverrides = {}): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          config,
          logger,
          ...overrides,
          migrations: [ActivityCounts1763900001000],
          consumers: [
            {
              name: 'activity',
              topics: [Topics.referralsEvents, Topics.caseLifecycleEvents, Topics.sectorCoordinationEvents],
              handlers: ActivityKafkaController,
            },
          ],
        }),
      ],
      controllers: [ActivityHttpController],
      providers: [ActivityKafkaController],
    };
  }
}
