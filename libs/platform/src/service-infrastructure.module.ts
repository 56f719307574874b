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
import { APP_GUARD, APP_INTERCEPTOR, ModuleRef } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TokenVerifier } from '@sagsspor/auth';
import { ChildRegistry, ChildVaultSchema1764000000000, DEVELOPMENT_VAULT_KEY, LookupThrottle } from '@sagsspor/child-identity';
import { deadLetterTopicOf, type IntegrationEvent, integrationEventCatalog } from '@sagsspor/contracts';
import { CommandPipeline, CommandSchedule, CommandScheduler, CommandScheduleSchema1764000000001, EventStoreSchema1763900000000, PostgresEventStore, type ScheduledCommandHandler, systemClock } from '@sagsspor/event-store';
import { type Clock, type Upcaster } from '@sagsspor/domain';
import {
  createKafka,
  declaredTopicSpecs,
  ensureTopics,
  InboxConsumer,
  type IntegrationEventBatchHandler,
  type IntegrationEventHandler,
  MessagingSchema1763900000001,
  type PublicEventMapper,
  qualifiedTopic,
  Relay,
} from '@sagsspor/messaging';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AccessGuard, TenantCheckInterceptor } from './access';
import { AuditLog, AuditLogClientAddress1766000000000, AuditLogController, AuditLogSchema1764000000002 } from './audit-log';
import { HealthProbes } from './health-probes';
import { ChildErasureController, childRegistryRetention } from './child-erasure';
import { DEV_CHILD_LOOKUP_SECRET, type ServiceConfig } from './config';
import { createServiceDataSource, ensureDatabase, initializeWithMigrations } from './database';
import { HealthController } from './health.controller';
import { messagingLogger } from './logger';
import { metricsControllerFor, ServiceMetrics } from './metrics';
import { CLOCK, CONSUMER_REGISTRATIONS, KAFKA, LOGGER, SERVICE_CONFIG } from './tokens';

/** A service's handlers for the integration events it consumes, by CloudEvents type. */
export interface IntegrationEventHandlers {
  handlers(): Record<string, IntegrationEventHandler>;
  /** Applies a batch's new events together, with the same effect as `handlers` one by one (optional). */
  batchHandler?(): IntegrationEventBatchHandler;
}

/** A service's handlers for its durable scheduled commands, by kind. */
export interface ScheduledCommandHandlers {
  scheduledCommandHandlers(): Record<string, ScheduledCommandHandler>;
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
  /** The steps that upgrade older stored shapes of the service's internal events (ADR 0014), run on every read of the event store. */
  upcasters?: readonly Upcaster[];
  consumers?: ConsumerRegistration[];
  /** Handlers for the service's durable deadlines; when given, a scheduler fires them on the clock. */
  scheduledCommands?: Type<ScheduledCommandHandlers>;
  /** The service receives CPR numbers: it uses the child registry (ADR 0099), which turns them into pseudonyms and keeps them encrypted. */
  childRegistry?: boolean;
  /** Default: the system clock. Tests pass a controlled one. */
  clock?: Clock;
  /** How often the scheduler looks for due commands (ms). */
  schedulerIntervalMs?: number;
}

const OPTIONS = Symbol('SERVICE_INFRASTRUCTURE_OPTIONS');

/** The trace id of a W3C traceparent (undefined when absent or malformed). */
const traceIdOf = (traceparent: string | undefined) => /^00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent ?? '')?.[1];

@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private relay?: Relay;
  private consumers: InboxConsumer[] = [];
  private scheduler?: CommandScheduler;
  private admin?: Admin;

  constructor(
    @Inject(OPTIONS) private readonly options: ServiceInfrastructureOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly eventStore: PostgresEventStore,
    private readonly schedule: CommandSchedule,
    private readonly metrics: ServiceMetrics,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { config, logger } = this.options;
    if (config.kafka.createTopics) {
      // The topics it publishes or consumes, as declared once in libs/contracts (ADR 0097).
      const contractTopics = [...new Set([...integrationEventCatalog.map((d) => d.topic), ...(this.options.consumers ?? []).flatMap((c) => c.topics)])];
      const ensured = await ensureTopics(this.kafka, declaredTopicSpecs(config.kafka, contractTopics));
      if (ensured.created.length > 0) logger.info({ topics: ensured.created }, 'Kafka topics created as declared');
      for (const { name, was } of ensured.reconfigured) logger.warn({ topic: name, was }, 'Kafka topic settings differed from the declaration: set to it');
      for (const { name, partitions, declared } of ensured.otherPartitions) {
        logger.warn({ topic: name, partitions, declared }, 'Kafka topic has another partition count than declared: left as it is (adding partitions moves keys; see docs/operations.md)');
      }
    }
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
      const registered = this.moduleRef.get(registration.handlers, { strict: false });
      // Namespaced like the topics, so environments (and test runs) sharing a cluster never share a group.
      const groupId = qualifiedTopic(config.kafka, `sagsspor-${config.serviceName}-${registration.name}`);
      const consumer = new InboxConsumer({
        groupId,
        topics: registration.topics,
        kafka: this.kafka,
        settings: config.kafka,
        dataSource: this.dataSource,
        handlers: registered.handlers(),
        batchHandler: registered.batchHandler?.(),
        decode: registration.decode,
        sessionTimeoutMs: config.kafka.consumerSessionTimeoutMs,
        logger: messagingLogger(logger),
        onHandled: (outcome, { topic, type, time, id, traceparent }) => {
          this.metrics.consumerMessages.inc({ topic, outcome });
          if (outcome !== 'handled') return;
          this.metrics.observeConsumed(topic, time, groupId);
          // The trace carried HTTP → event → Kafka header → here: one line per applied event, ids only.
          logger.info({ topic, eventType: type, eventId: id, traceId: traceIdOf(traceparent), consumerGroup: groupId }, 'event handled');
        },
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
    this.watchKafka();
    this.metrics.scheduleProbe = () => this.schedule.overdueCount(this.clock());
    const registry = this.options.childRegistry ? this.moduleRef.get(ChildRegistry, { strict: false }) : undefined;
    if (registry && config.previousChildVaultKeys.length > 0) {
      // Key rotation: re-wrap every child key still under a previous vault key with the current one.
      const rewrapped = await registry.rewrapAll(config.previousChildVaultKeys);
      logger.info({ rewrapped, vaultKeyId: config.childVaultKey.id }, 'child registry: keys re-wrapped with the current vault key');
    }
    const retention = registry ? childRegistryRetention(config, registry, this.schedule, logger) : undefined;
    await retention?.start(this.dataSource, this.clock);
    if (this.options.scheduledCommands || retention) {
      const handlers = {
        ...retention?.handlers,
        ...(this.options.scheduledCommands ? this.moduleRef.get(this.options.scheduledCommands, { strict: false }).scheduledCommandHandlers() : {}),
      };
      this.schedule.onFailure = (scheduleId, error) => logger.warn({ scheduleId, error: error.message }, 'a scheduled command failed; it will be retried');
      this.scheduler = new CommandScheduler(this.schedule, handlers, this.clock, this.options.schedulerIntervalMs ?? 1000, (error) =>
        logger.warn({ error: error.message }, 'the scheduler could not look for due commands; retrying'),
      );
      this.scheduler.start();
    }
  }

  /** Consumer lag and dead letters for /metrics, read with one admin client at scrape time. */
  private watchKafka(): void {
    const { config } = this.options;
    const consumed = (this.options.consumers ?? []).map((c) => ({
      group: qualifiedTopic(config.kafka, `sagsspor-${config.serviceName}-${c.name}`),
      topics: c.topics.map((t) => qualifiedTopic(config.kafka, t)),
    }));
    const admin = async () => {
      if (!this.admin) {
        const created = this.kafka.admin();
        await created.connect();
        this.admin = created;
      }
      return this.admin;
    };
    const messagesOn = async (topic: string) =>
      (await (await admin()).fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    this.metrics.kafkaProbe = {
      consumerLag: async () => {
        const rows: { group: string; topic: string; lag: number }[] = [];
        for (const { group, topics } of consumed) {
          const committed = await (await admin()).fetchOffsets({ groupId: group, topics });
          for (const { topic, partitions } of committed) {
            const ends = await (await admin()).fetchTopicOffsets(topic);
            const lag = ends.reduce((sum, end) => {
              const at = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
              return sum + Number(end.high) - (at >= 0 ? at : Number(end.low));
            }, 0);
            rows.push({ group, topic, lag });
          }
        }
        return rows;
      },
      deadLetters: async () => {
        const topics = [...new Set(consumed.flatMap((c) => c.topics))].map(deadLetterTopicOf);
        return Promise.all(topics.map(async (topic) => ({ topic, messages: await messagesOn(topic) })));
      },
    };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    await this.scheduler?.stop();
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    if (this.options.childRegistry) await this.moduleRef.get(ChildRegistry, { strict: false }).close();
  }
}

/**
 * The child registry on its own database (created when missing), its tables in place, and a vault of
 * the earlier per-service scheme taken over (ADR 0099).
 */
async function openChildRegistry(config: ServiceConfig, service: DataSource, metrics: ServiceMetrics, logger: Logger): Promise<ChildRegistry> {
  await ensureDatabase(config.childRegistryDatabaseUrl, config.databaseTls);
  const dataSource = await createServiceDataSource(config.childRegistryDatabaseUrl, [], [], { tls: config.databaseTls, poolSize: config.databasePoolSize }).initialize();
  const registry = new ChildRegistry(
    dataSource,
    config.childVaultKey,
    config.childLookupSecret,
    config.serviceName,
    (outcome) => metrics.childRegistryLookups.inc({ outcome }),
    new LookupThrottle(config.childRegistryLookupsPerSecond),
  );
  await registry.ensureSchema();
  const adopted = await registry.adoptServiceVault(service, [config.childVaultKey, ...config.previousChildVaultKeys]);
  if (adopted > 0) logger.info({ adopted }, "child registry: the service's own vault taken over (ADR 0099)");
  return registry;
}

/**
 * What every Sagsspor service has: its own database with migrations, the event store, the relay
 * to Kafka, inbox consumers, durable scheduled commands, the command bus, authentication and
 * authorization on every route, /health and /metrics.
 */
@Global()
@Module({})
export class ServiceInfrastructureModule {
  static forRoot(options: ServiceInfrastructureOptions): DynamicModule {
    if (options.childRegistry && options.config.production && options.config.childVaultKey === DEVELOPMENT_VAULT_KEY) {
      throw new Error('CHILD_VAULT_KEY (32 bytes, base64) must be set in production (NODE_ENV=production): this service keeps CPR numbers in the child registry');
    }
    if (options.childRegistry && options.config.production && !options.config.childRegistryDatabaseChosen) {
      // Left to its default, each service's registry would be on its own server: two registries, two pseudonyms per child.
      throw new Error('CHILD_REGISTRY_DATABASE_URL must be set in production (NODE_ENV=production): the one child registry database that referrals and sector-coordination share');
    }
    if (options.childRegistry && options.config.production && options.config.childLookupSecret === DEV_CHILD_LOOKUP_SECRET) {
      throw new Error('CHILD_LOOKUP_SECRET must be set to a secret of your own in production (NODE_ENV=production): this service looks children up in the child registry');
    }
    const metrics = new ServiceMetrics(options.config.serviceName);
    const migrations = [
      EventStoreSchema1763900000000,
      MessagingSchema1763900000001,
      CommandScheduleSchema1764000000001,
      AuditLogSchema1764000000002,
      AuditLogClientAddress1766000000000,
      ...(options.childRegistry ? [ChildVaultSchema1764000000000] : []),
      ...options.migrations,
    ];
    return {
      module: ServiceInfrastructureModule,
      imports: [CqrsModule.forRoot()],
      controllers: [HealthController, metricsControllerFor(metrics), AuditLogController, ...(options.childRegistry ? [ChildErasureController] : [])],
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: SERVICE_CONFIG, useValue: options.config },
        { provide: LOGGER, useValue: options.logger },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: CONSUMER_REGISTRATIONS, useValue: options.consumers ?? [] },
        { provide: ServiceMetrics, useValue: metrics },
        { provide: KAFKA, useFactory: () => createKafka(options.config.kafka, messagingLogger(options.logger)) },
        {
          provide: DataSource,
          useFactory: async () => initializeWithMigrations(createServiceDataSource(options.config.databaseUrl, migrations, options.entities ?? [], { tls: options.config.databaseTls, poolSize: options.config.databasePoolSize })),
        },
        { provide: PostgresEventStore, useFactory: (ds: DataSource) => new PostgresEventStore(ds, options.upcasters), inject: [DataSource] },
        { provide: CommandSchedule, useFactory: (ds: DataSource) => new CommandSchedule(ds), inject: [DataSource] },
        { provide: CommandPipeline, useFactory: (ds: DataSource, store: PostgresEventStore) => new CommandPipeline(ds, store), inject: [DataSource, PostgresEventStore] },
        ...(options.childRegistry
          ? [{ provide: ChildRegistry, useFactory: (service: DataSource) => openChildRegistry(options.config, service, metrics, options.logger), inject: [DataSource] }]
          : []),
        AuditLog,
        HealthProbes,
        { provide: TokenVerifier, useValue: new TokenVerifier(options.config.auth) },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: TenantCheckInterceptor },
        MessagingLifecycle,
      ],
      exports: [SERVICE_CONFIG, LOGGER, KAFKA, CLOCK, CONSUMER_REGISTRATIONS, ServiceMetrics, DataSource, PostgresEventStore, CommandPipeline, CommandSchedule, ...(options.childRegistry ? [ChildRegistry] : []), TokenVerifier, CqrsModule],
    };
  }
}
