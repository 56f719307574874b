// The floor for `npm run bench -- http-ingest`: a minimal NestJS endpoint on the same platform
// (Express, the same ValidationPipe settings and the referrals service's own request DTO) that
// validates the body of POST /v1/underretninger and does one INSERT of the event row per request,
// autocommit, through a pg pool of the service's size. No auth, no idempotency, no vault, no audit:
// what HTTP + framework + validation + one commit cost on this machine.
// Env: PORT, DATABASE_URL (a database of its own; the table is created here), DATABASE_POOL_SIZE.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Body, Controller, HttpCode, Module, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { ReceiveUnderretningRequest } = require('../../services/referrals/dist/underretning/underretning.request.dto.js');
const { loadServiceConfig } = require('../../libs/platform/dist/config.js');

// The pool as large as the service's (DATABASE_POOL_SIZE, else its default: ADR 0084).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: loadServiceConfig('bare-ingest', 0).databasePoolSize });
await pool.query(`CREATE TABLE IF NOT EXISTS events (
  global_position bigserial PRIMARY KEY, stream_id text NOT NULL, stream_version int NOT NULL, event_id uuid NOT NULL UNIQUE,
  event_type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL DEFAULT '{}', recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version))`);

class BareIngestController {
  async receive(body) {
    const { childCpr: _cpr, ...facts } = body;
    await pool.query(`INSERT INTO events (stream_id, stream_version, event_id, event_type, data) VALUES ($1, 1, $2, 'UnderretningReceived', $3::jsonb)`, [
      `underretning-${body.underretningId}`,
      randomUUID(),
      JSON.stringify(facts),
    ]);
    return { underretningId: body.underretningId };
  }
}
// Decorators applied by hand: this file is plain JavaScript.
const receive = Object.getOwnPropertyDescriptor(BareIngestController.prototype, 'receive');
Reflect.defineMetadata('design:paramtypes', [ReceiveUnderretningRequest], BareIngestController.prototype, 'receive');
Body()(BareIngestController.prototype, 'receive', 0);
HttpCode(201)(BareIngestController.prototype, 'receive', receive);
Post()(BareIngestController.prototype, 'receive', receive);
Controller('v1/underretninger')(BareIngestController);

class BareIngestModule {}
Module({ controllers: [BareIngestController] })(BareIngestModule);

const app = await NestFactory.create(BareIngestModule, { logger: ['error'] });
app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
app.getHttpAdapter().get('/health', (_req, res) => res.send('ok'));
await app.listen(Number(process.env.PORT), '127.0.0.1');
