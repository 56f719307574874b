import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Public } from './access';

/** Samples a probe at scrape time, at most every `maxAgeMs`, so scrapes stay cheap. */
function cached<T>(read: () => Promise<T>, maxAgeMs = 5000): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > maxAgeMs) last = { at: Date.now(), value: read() };
    return last.value;
  };
}

/** Kafka figures read at scrape time: consumer lag per group and topic, dead letters per topic. */
export interface KafkaProbe {
  consumerLag(): Promise<{ group: string; topic: string; lag: number }[]>;
  deadLetters(): Promise<{ topic: string; messages: number }[]>;
}

/** One Prometheus registry per service process. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly relayPublished: Counter;
  /** Child registry lookups by outcome (new, known, throttled): an unusual rate is worth a look (ADR 0099). */
  readonly childRegistryLookups: Counter<'outcome'>;
  readonly relayLagSeconds: Gauge;
  readonly consumerMessages: Counter<'topic' | 'outcome'>;
  readonly consumedEventAge: Histogram<'topic'>;
  /** Set by the relay when it starts; read at scrape time. */
  relayLagProbe?: () => Promise<number>;
  kafkaProbe?: KafkaProbe;
  scheduleProbe?: () => Promise<number>;
  /** Per consumer group: the CloudEvents time of the last event applied (ms), for projection lag. */
  private readonly lastApplied = new Map<string, number>();
  private readonly startedAt = Date.now();

  constructor(serviceName: string) {
    this.registry.setDefaultLabels({ service: serviceName });
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.relayPublished = new Counter({ name: 'relay_events_published_total', help: 'Internal events covered by the relay', registers: [this.registry] });
    this.childRegistryLookups = new Counter({ name: 'child_registry_lookups_total', help: 'Child registry lookups by outcome: new or known child, and throttled (waited for its turn)', labelNames: ['outcome'], registers: [this.registry] });
    const self = () => this;
    this.relayLagSeconds = new Gauge({
      name: 'relay_oldest_unpublished_event_age_seconds',
      help: 'Age of the oldest event not yet published to Kafka (0 when caught up)',
      registers: [this.registry],
      async collect() {
        const read = self().relayLagProbe;
        if (read) this.set(await read().catch(() => -1));
      },
    });
    this.consumerMessages = new Counter({
      name: 'consumer_messages_total',
      help: 'Kafka messages handled by outcome (handled, duplicate, skipped, dead-lettered)',
      labelNames: ['topic', 'outcome'],
      registers: [this.registry],
    });
    this.consumedEventAge = new Histogram({
      name: 'consumer_event_age_seconds',
      help: 'From an event being recorded at its source (its CloudEvents time) to its effect being committed here: end-to-end and projection lag',
      labelNames: ['topic'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [this.registry],
    });
    const lag = cached(() => self().kafkaProbe?.consumerLag() ?? Promise.resolve([]));
    new Gauge({
      name: 'kafka_consumer_lag_messages',
      help: 'Messages on the topic not yet committed by the consumer group',
      labelNames: ['group', 'topic'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await lag().catch(() => [])) this.set({ group: row.group, topic: row.topic }, row.lag);
      },
    });
    new Gauge({
      name: 'projection_lag_seconds',
      help: "How far a consumer's read model or reaction is behind the events: 0 when its group has nothing left to consume, else the age of the last event it applied (since start when none yet)",
      labelNames: ['group'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const behind = new Map<string, number>();
        for (const row of await lag().catch(() => [])) behind.set(row.group, (behind.get(row.group) ?? 0) + row.lag);
        const metrics = self();
        for (const [group, messages] of behind) {
          const since = metrics.lastApplied.get(group) ?? metrics.startedAt;
          this.set({ group }, messages > 0 ? Math.max(0, (Date.now() - since) / 1000) : 0);
        }
      },
    });
    const deadLetters = cached(() => self().kafkaProbe?.deadLetters() ?? Promise.resolve([]));
    new Gauge({
      name: 'kafka_dead_letter_messages',
      help: 'Messages on the dead-letter topics of the topics this service consumes',
      labelNames: ['topic'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await deadLetters().catch(() => [])) this.set({ topic: row.topic }, row.messages);
      },
    });
    new Gauge({
      name: 'scheduled_commands_overdue',
      help: 'Scheduled commands (deadlines) due and not yet fired, including parked failures',
      registers: [this.registry],
      async collect() {
        const read = self().scheduleProbe;
        if (read) this.set(await read().catch(() => -1));
      },
    });
  }

  /** Express middleware: latency per route pattern (never the raw URL: ids could be personal). */
  httpMiddleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.httpDuration.startTimer();
      res.on('finish', () => {
        const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    };
  }

  /** Observes how old a consumed event was when its effect committed. */
  observeConsumed(topic: string, time: string | undefined, group?: string): void {
    const published = time ? Date.parse(time) : NaN;
    if (!Number.isFinite(published)) return;
    this.consumedEventAge.observe({ topic }, Math.max(0, (Date.now() - published) / 1000));
    if (group) this.lastApplied.set(group, Math.max(this.lastApplied.get(group) ?? 0, published));
  }
}

export function metricsControllerFor(metrics: ServiceMetrics) {
  @ApiExcludeController()
  @Public()
  @Controller('metrics')
  class MetricsController {
    @Get()
    @Header('Content-Type', 'text/plain; version=0.0.4')
    scrape(): Promise<string> {
      return metrics.registry.metrics();
    }
  }
  return MetricsController;
}
