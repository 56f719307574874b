/**
 * A public integration event: what other services and outside systems may rely on.
 * `type` is the CloudEvents `type` (it carries the version); `schema` is the JSON Schema of `data`,
 * and `example` is checked against it in the tests. A breaking change is a new definition with a
 * new type (`...v2`), never an edit of an old one.
 */
export interface IntegrationEventDefinition<T = unknown> {
  readonly type: string;
  readonly topic: string;
  readonly source: string;
  readonly description: string;
  readonly schema: Readonly<Record<string, unknown>>;
  readonly example: T;
}

export function defineIntegrationEvent<T>(definition: IntegrationEventDefinition<T>): IntegrationEventDefinition<T> {
  return definition;
}

/** An integration event as consumers see it, decoded from its CloudEvents envelope. */
export interface IntegrationEvent<T = unknown> {
  id: string;
  type: string;
  source: string;
  subject?: string;
  time: string;
  data: T;
  traceparent?: string;
}
