import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Public } from './access';

/** One Prometheus registry per service process. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly relayPublished: Counter;
  readonly relayLagSeconds: Gauge;
  readonly consumerMessages: Counter<'topic' | 'outcome'>;
  /** Set by the relay when it starts; read at scrape time. */
  relayLagProbe?: () => Promise<number>;

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
    const probe = () => this.relayLagProbe;
    this.relayLagSeconds = new Gauge({
      name: 'relay_oldest_unpublished_event_age_seconds',
      help: 'Age of the oldest event not yet published to Kafka',
      registers: [this.registry],
      async collect() {
        const read = probe();
        if (read) this.set(await read().catch(() => -1));
      },
    });
    this.consumerMessages = new Counter({
      name: 'consumer_messages_total',
      help: 'Kafka messages handled by outcome (handled, duplicate, skipped, dead-lettered)',
      labelNames: ['topic', 'outcome'],
      registers: [this.registry],
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
