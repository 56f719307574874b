import type { Manifest } from './manifest';
import { createManifestValidator, type ManifestValidator } from './schema-validation';

describe('createManifestValidator', () => {
  let validate: ManifestValidator;
  beforeAll(async () => {
    validate = await createManifestValidator();
  });

  const topic = (spec: Record<string, unknown>): Manifest => ({
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaTopic',
    metadata: { name: 'sagsspor-referrals-events-v1', labels: { 'strimzi.io/cluster': 'sagsspor' } },
    spec,
  });

  it('accepts a well-formed custom resource', () => {
    expect(validate(topic({ topicName: 'sagsspor.referrals.events.v1', partitions: 12, replicas: 3, config: { 'retention.ms': -1 } }))).toEqual([]);
  });

  it('refuses a misspelt field of a custom resource instead of letting the API server drop it', () => {
    expect(validate(topic({ topicName: 'sagsspor.referrals.events.v1', partition: 12 }))).toEqual(['/spec must NOT have additional properties (partition)']);
  });

  it('refuses a value of the wrong type in a Kubernetes kind', () => {
    const deployment: Manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'referrals' },
      spec: { replicas: 'two', selector: { matchLabels: { app: 'referrals' } }, template: { spec: { containers: [{ name: 'referrals' }] } } },
    };
    expect(validate(deployment)).toEqual([expect.stringContaining('data/spec/replicas must be integer')]);
  });

  it('refuses a kind it has no schema for', () => {
    expect(validate({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' } })).toEqual([
      'no schema for batch/v1/CronJob: add one to libs/deploy-checks before using this kind',
    ]);
  });

  it('refuses a Secret: secrets are never committed', () => {
    expect(validate({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sagsspor-child-identity' } })).toEqual([
      'Secrets are never committed: create them as deploy/k8s/README.md says',
    ]);
  });
});
