import type { INestApplication } from '@nestjs/common';
import { TokenVerifier } from '@sagsspor/auth';
import type { Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { verifiedPrincipalOf } from './access';
import type { ServiceConfig } from './config';
import type { ProblemFilter } from './problem';
import { problem } from './problem';
import { clientAddressOf } from './request-context';

/**
 * Whose bucket a request counts against (ADR 0096): a verified token's subject, however many tokens
 * it holds; anything else, a missing or bad token included, its client address. Keying on the
 * token itself would give every made-up bearer value a fresh bucket.
 */
export async function rateLimitKeyOf(request: Request, verifier: TokenVerifier): Promise<string> {
  if (request.headers.authorization) {
    const principal = await verifiedPrincipalOf(request, verifier).catch(() => undefined);
    if (principal) return `subject:${principal.subject}`;
  }
  return `address:${clientAddressOf(request)}`;
}

/**
 * What every service does to every request before routing: security headers (helmet), CORS closed
 * unless origins are configured, and a rate limit per verified subject, else per client address.
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
    const verifier = app.get(TokenVerifier);
    app.use(
      rateLimit({
        windowMs: 60_000,
        limit: config.rateLimitPerMinute,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        // Health and metrics are scraped by the platform itself.
        skip: (request: Request) => request.path.startsWith('/health') || request.path === '/metrics',
        keyGenerator: (request: Request) => rateLimitKeyOf(request, verifier),
        handler: (request: Request, response: Response) => {
          response.setHeader('Retry-After', '60');
          problems.send(problem(429, 'REQUEST.RATE_LIMITED', 'Too many requests', `At most ${config.rateLimitPerMinute} requests a minute per caller (per signed-in user or system, else per address). Retry after a minute.`), request, response);
        },
      }),
    );
  }
}
