import Ajv, { type ValidateFunction } from 'ajv';
import type { IntegrationEventDefinition } from './integration-event';
import { CaseOpenedV1 } from './events/case-lifecycle.events';
import { ReferralAcceptedV1, UnderretningReceivedV1 } from './events/referrals.events';
import { ExaminationPerformedV1 } from './events/sector-coordination.events';

/** Every public integration event, by CloudEvents type. */
export const integrationEventCatalog: readonly IntegrationEventDefinition[] = [
  UnderretningReceivedV1,
  ReferralAcceptedV1,
  CaseOpenedV1,
  ExaminationPerformedV1,
];

const byType = new Map(integrationEventCatalog.map((d) => [d.type, d]));
const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map<string, ValidateFunction>();

export function definitionOf(type: string): IntegrationEventDefinition | undefined {
  return byType.get(type);
}

/** Validates `data` against the schema of its event type; returns the problems, empty when valid. */
export function validateIntegrationEventData(type: string, data: unknown): string[] {
  const definition = byType.get(type);
  if (!definition) return [`unknown event type '${type}'`];
  let validate = validators.get(type);
  if (!validate) {
    validate = ajv.compile(definition.schema as object);
    validators.set(type, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
}
