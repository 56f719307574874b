import 'reflect-metadata';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Clock, Upcaster } from '@sagsspor/domain';
import type { Logger } from 'pino';
import { loadServiceConfig, type ServiceConfig } from './config';
import { ensureDatabase } from './database';
import { createLogger, NestPinoLogger } from './logger';
import { completeOpenApiDocument, documentValidationConstraints } from './openapi';
import { ServiceMetrics } from './metrics';
import { AuditLog, auditLogMiddleware } from './audit-log';
import { applyHttpHardening } from './http-hardening';
import { flattenValidationErrors, ProblemFilter, validationProblem } from './problem';
import { requestContextMiddleware } from './request-context';
import { requestHygieneMiddleware } from './request-hygiene';

/** What a service's module factory may be given besides its configuration: test seams (a controlled clock). */
export interface ServiceOverrides {
  clock?: Clock;
  schedulerIntervalMs?: number;
}

export interface ServiceDescription {
  title: string;
  description: string;
  version?: string;
}

export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}

/** Creates the Nest application with the conventions every service shares. Does not listen. */
export async function createServiceApp(module: unknown, config: ServiceConfig, logger: Logger, description: ServiceDescription): Promise<INestApplication> {
  await ensureDatabase(config.databaseUrl, config.databaseTls);
  const app = await NestFactory.create<NestExpressApplication>(module as never, { bodyParser: false, logger: new NestPinoLogger(logger) });
  const problems = new ProblemFilter(logger);
  app.set('trust proxy', config.trustProxy);
  app.use(requestContextMiddleware(logger));
  applyHttpHardening(app, config, problems);
  app.use(app.get(ServiceMetrics).httpMiddleware());
  app.use(auditLogMiddleware(app.get(AuditLog)));
  app.useBodyParser('json', { limit: config.bodyLimit, type: ['application/json', 'application/*+json'] });
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => (error ? problems.send(error, req, res) : next()));
  app.use(requestHygieneMiddleware(problems));
  app.useGlobalFilters(problems);
  app.useGlobalPipes(requestValidationPipe());
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  keepConnectionsLongerThanClients(app.getHttpServer());
  SwaggerModule.setup('docs', app, openApiDocument(app, description), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/**
 * Node closes an idle keep-alive connection after 5 s by default; a client that sends its next
 * request on that connection at the same moment gets a reset and cannot know whether its command
 * ran (docs/reliability.md). Keep connections open longer than clients and load balancers do
 * (they close first), and say so in the Keep-Alive header.
 */
export function keepConnectionsLongerThanClients(server: { keepAliveTimeout: number; headersTimeout: number }): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

function openApiDocument(app: INestApplication, description: ServiceDescription): OpenAPIObject {
  documentValidationConstraints();
  return completeOpenApiDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(description.title)
        .setDescription(description.description)
        .setVersion(description.version ?? '1')
        .addBearerAuth()
        .build(),
    ),
  );
}

/**
 * A service's OpenAPI document without its database or Kafka: Nest's preview mode builds the
 * routes from the metadata without running any provider. Used by `npm run docs`.
 */
export async function openApiDocumentOf(module: unknown, description: ServiceDescription): Promise<OpenAPIObject> {
  const app = await NestFactory.create(module as never, { preview: true, logger: false });
  try {
    return openApiDocument(app, description);
  } finally {
    await app.close();
  }
}

/** Starts a service: database, migrations, HTTP on the configured port; stops cleanly on SIGTERM/SIGINT. */
export async function runService(module: unknown, config: ServiceConfig, logger: Logger, description: ServiceDescription): Promise<INestApplication> {
  const app = await createServiceApp(module, config, logger, description);
  await app.listen(config.port, config.host);
  const url = `http://${config.host}:${config.port}`;
  logger.info({ url, docs: `${url}/docs`, health: `${url}/health`, metrics: `${url}/metrics` }, `${config.serviceName} listening`);
  return app;
}

/** A service's main: configuration from the environment, JSON logger, start, or exit 1 with the reason. */
/** What a service is, for its main, its tests and the exported docs. */
export interface ServiceDefinition {
  name: string;
  defaultPort: number;
  description: ServiceDescription;
  /** The Nest module from configuration; the service reads its own settings from the environment here. */
  moduleFor: (config: ServiceConfig, logger: Logger, overrides: ServiceOverrides) => unknown;
  /** The steps that upgrade older stored shapes of the service's internal events (ADR 0014): the module's, for tools that read the store without it. */
  upcasters?: readonly Upcaster[];
}

export function startServiceProcess(service: ServiceDefinition): void {
  // Through a promise, so bad configuration or settings are logged like any other start-up failure.
  let logger: Logger | undefined;
  Promise.resolve()
    .then(() => {
      const config = loadServiceConfig(service.name, service.defaultPort);
      logger = createLogger(config.serviceName);
      return runService(service.moduleFor(config, logger, {}), config, logger, service.description);
    })
    .catch((error: Error) => {
      (logger ?? createLogger(service.name)).fatal({ err: { message: error.message, stack: error.stack } }, `${service.name} failed to start`);
      process.exit(1);
    });
}
