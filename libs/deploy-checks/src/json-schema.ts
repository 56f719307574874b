/** Small builders for strict JSON Schemas: an object allows only the properties it names. */
export type Schema = Record<string, unknown>;

export const str: Schema = { type: 'string', minLength: 1 };
export const int: Schema = { type: 'integer' };
export const bool: Schema = { type: 'boolean' };
export const oneOf = (...values: string[]): Schema => ({ type: 'string', enum: values });
export const arrayOf = (items: Schema, minItems = 0): Schema => ({ type: 'array', items, minItems });
export const mapOf = (values: Schema): Schema => ({ type: 'object', additionalProperties: values });
export const strict = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** A Kubernetes quantity: `100m`, `1Gi`, `2`. */
export const quantity: Schema = { anyOf: [{ type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$' }, { type: 'integer', minimum: 0 }] };
export const labels = mapOf({ type: 'string' });
export const objectMeta = strict({ name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 }, namespace: str, labels, annotations: labels }, ['name']);
export const resources = strict({ requests: mapOf(quantity), limits: mapOf(quantity) });
export const labelSelector = strict({
  matchLabels: labels,
  matchExpressions: arrayOf(strict({ key: str, operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist'), values: arrayOf({ type: 'string' }) }, ['key', 'operator'])),
});
export const topologySpreadConstraint = strict(
  { maxSkew: { type: 'integer', minimum: 1 }, topologyKey: str, whenUnsatisfiable: oneOf('DoNotSchedule', 'ScheduleAnyway'), labelSelector },
  ['maxSkew', 'topologyKey', 'whenUnsatisfiable'],
);
export const secretKeySelector = strict({ name: str, key: str }, ['name', 'key']);

/** A custom resource: apiVersion and kind fixed, metadata, and a spec. */
export const customResource = (apiVersion: string, kind: string, spec: Schema): Schema =>
  strict({ apiVersion: { const: apiVersion }, kind: { const: kind }, metadata: objectMeta, spec }, ['apiVersion', 'kind', 'metadata', 'spec']);
