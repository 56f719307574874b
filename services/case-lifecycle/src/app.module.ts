import { type DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@sagsspor/contracts';
import { ServiceInfrastructureModule, type ServiceConfig, type ServiceOverrides } from '@sagsspor/platform';
import type { Logger } from 'pino';
import { CaseHttpController } from './case/case.http.controller';
import { CaseKafkaController } from './case/case.kafka.controller';
import { toPublicEvents } from './public-events';

@Module({})
export class CaseLifecycleModule {
  static forRoot(config: ServiceConfig, logger: Logger, overrides: ServiceOverrides = {}): DynamicModule {
    return {
      module: CaseLifecycleModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          config,
          logger,
          ...overrides,
          migrations: [],
          toPublicEvents,
          consumers: [{ name: 'cases', topics: [Topics.referralsEvents], handlers: CaseKafkaController }],
        }),
      ],
      controllers: [CaseHttpController],
      providers: [CaseKafkaController],
    };
  }
}
