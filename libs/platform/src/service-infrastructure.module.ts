import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { deadLetterTopicOf, integrationEventCatalog } from '@sagsspor/contracts';
import { EventStoreSchema1763900000000, PostgresEventStore } from '@sagsspor/event-store';
import {
  createKafka,
  ensureTopics,
  InboxConsumer,
  type IntegrationEventHandler,
  MessagingSchema1763900000001,
  qualifiedTopic,
  type PublicEventMapper,
  Relay,
} from '@sagsspor/messaging';
import type { IntegrationEvent } from '@sagsspor/contracts';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from './config';
import { createServiceDataSource } from './database';
import { HealthController } from './health.controller';
import { messagingLogger } from './logger';
import { metricsControllerFor, ServiceMetrics } from './metrics';
import { KAFKA, LOGGER, SERVICE_CONFIG } from './tokens';


/** A service's handlers for the integration events it consumes, by CloudEvents type. */
export interface IntegrationEventHandlers {
  handlers(): Record<string, IntegrationEventHandler>;
}

export interface ConsumerRegistration {
  /** Consumer group suffix: the group is `sagsspor-<service>-<name>`. */
  name: string;
  topics: string[];
  handlers: Type<IntegrationEventHandlers>;
  decode?: (message: KafkaMessage, topic: string) => IntegrationEvent;
}

export interface ServiceInfrastructureOptions {
  config: ServiceConfig;
  logger: Logger;
  migrations: Function[];
  entities?: Function[];
  /** Internal → public events; when given, the relay publishes the service's events to Kafka. */
  toPublicEvents?: PublicEventMapper;
  consumers?: ConsumerRegistration[];
}

const OPTIONS = Symbol('SERVICE_INFRASTRUCTURE_OPTIONS');

@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private relay?: Relay;
  private consumers: InboxConsumer[] = [];

  constructor(
    @Inject(OPTIONS) private readonly options: ServiceInfrastructureOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly eventStore: PostgresEventStore,
    private readonly metrics: ServiceMetrics,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { config, logger } = this.options;
    const contractTopics = [...new Set([...integrationEventCatalog.map((d) => d.topic), ...(this.options.consumers ?? []).flatMap((c) => c.topics)])];
    const topics = contractTopics.flatMap((t) => [qualifiedTopic(config.kafka, t), deadLetterTopicOf(qualifiedTopic(config.kafka, t))]);
    await ensureTopics(this.kafka, topics);
    if (this.options.toPublicEvents) {
      const relay = new Relay({
        name: `${config.serviceName}-to-kafka`,
        dataSource: this.dataSource,
        eventStore: this.eventStore,
        kafka: this.kafka,
        settings: config.kafka,
        toPublicEvents: this.options.toPublicEvents,
        logger: messagingLogger(logger),
        onPublished: (count) => this.metrics.relayPublished.inc(count),
      });
      this.metrics.relayLagProbe = () => relay.oldestUnpublishedAgeSeconds();
      relay.start();
      this.relay = relay;
    }
    for (const registration of this.options.consumers ?? []) {
      const handlers = this.moduleRef.get(registration.handlers, { strict: false }).handlers();
      const consumer = new InboxConsumer({
        groupId: `sagsspor-${config.serviceName}-${registration.name}`,
        topics: registration.topics,
        kafka: this.kafka,
        settings: config.kafka,
        dataSource: this.dataSource,
        handlers,
        decode: registration.decode,
        logger: messagingLogger(logger),
        onHandled: (outcome, { topic }) => this.metrics.consumerMessages.inc({ topic, outcome }),
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * What every Sagsspor service has: its own database with migrations, the event store, the relay
 * to Kafka, inbox consumers, the command bus, /health and /metrics.
 */
@Global()
@Module({})
export class ServiceInfrastructureModule {
  static forRoot(options: ServiceInfrastructureOptions): DynamicModule {
    const metrics = new ServiceMetrics(options.config.serviceName);
    return {
      module: ServiceInfrastructureModule,
      imports: [CqrsModule.forRoot()],
      controllers: [HealthController, metricsControllerFor(metrics)],
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: SERVICE_CONFIG, useValue: options.config },
        { provide: LOGGER, useValue: options.logger },
        { provide: ServiceMetrics, useValue: metrics },
        { provide: KAFKA, useFactory: () => createKafka(options.config.kafka, messagingLogger(options.logger)) },
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createServiceDataSource(
              options.config.databaseUrl,
              [EventStoreSchema1763900000000, MessagingSchema1763900000001, ...options.migrations],
              options.entities,
            );
            return dataSource.initialize();
          },
        },
        { provide: PostgresEventStore, useFactory: (ds: DataSource) => new PostgresEventStore(ds), inject: [DataSource] },
        MessagingLifecycle,
      ],
      exports: [SERVICE_CONFIG, LOGGER, KAFKA, ServiceMetrics, DataSource, PostgresEventStore, CqrsModule],
    };
  }
}
