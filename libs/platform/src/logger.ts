import type { LoggerService } from '@nestjs/common';
import type { MessagingLogger } from '@sagsspor/messaging';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * JSON logs on stdout. Request bodies are never logged; fields that could carry personal data
 * are redacted wherever they appear, as a second line of defence.
 */
export function createLogger(serviceName: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    base: { service: serviceName },
    level: process.env.LOG_LEVEL ?? 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['childCpr', '*.childCpr', 'cpr', '*.cpr', 'name', '*.name', 'body', '*.body'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

export function messagingLogger(logger: Logger): MessagingLogger {
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}
