import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { ServiceConfig } from './config';
import type { ProblemFilter } from './problem';
import { problem } from './problem';

/**
 * What every service does to every request before routing: security headers (helmet), CORS closed
 * unless origins are configured, and a rate limit per client (per bearer token, else per address).
 */
export function applyHttpHardening(app: INestApplication, config: ServiceConfig, problems: ProblemFilter): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Swagger UI (at /docs) sets inline styles.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
        },
      },
      strictTransportSecurity: config.production,
    }),
  );
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, methods: ['GET', 'POST', 'PUT', 'DELETE'], allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id', 'traceparent'] });
  }
  if (config.rateLimitPerMinute > 0) {
    app.use(
      rateLimit({
        windowMs: 60_000,
        limit: config.rateLimitPerMinute,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        // Health and metrics are scraped by the platform itself.
        skip: (request: Request) => request.path.startsWith('/health') || request.path === '/metrics',
        keyGenerator: (request: Request) => {
          const authorization = request.headers.authorization;
          return authorization ? `token:${createHash('sha256').update(authorization).digest('hex')}` : `address:${ipKeyGenerator(request.ip ?? 'unknown')}`;
        },
        handler: (request: Request, response: Response) => {
          response.setHeader('Retry-After', '60');
          problems.send(problem(429, 'REQUEST.RATE_LIMITED', 'Too many requests', `At most ${config.rateLimitPerMinute} requests a minute per client. Retry after a minute.`), request, response);
        },
      }),
    );
  }
}
