import Ajv from 'ajv';
import { customResourceSchemas } from './custom-resource-schemas';
import type { Manifest } from './manifest';

type CoreModel = new (data: unknown) => { validate(): void };

/** The Kubernetes kinds deploy/k8s uses, with their schemas from kubernetes-models. */
async function coreModels(): Promise<Record<string, CoreModel>> {
  const [core, apps, autoscaling, policy, networking] = await Promise.all([
    import('kubernetes-models/v1'),
    import('kubernetes-models/apps/v1'),
    import('kubernetes-models/autoscaling/v2'),
    import('kubernetes-models/policy/v1'),
    import('kubernetes-models/networking.k8s.io/v1'),
  ]);
  return {
    'v1/Namespace': core.Namespace,
    'v1/ServiceAccount': core.ServiceAccount,
    'v1/Service': core.Service,
    'v1/ConfigMap': core.ConfigMap,
    'apps/v1/Deployment': apps.Deployment,
    'autoscaling/v2/HorizontalPodAutoscaler': autoscaling.HorizontalPodAutoscaler,
    'policy/v1/PodDisruptionBudget': policy.PodDisruptionBudget,
    'networking.k8s.io/v1/NetworkPolicy': networking.NetworkPolicy,
    'networking.k8s.io/v1/Ingress': networking.Ingress,
  } as Record<string, CoreModel>;
}

/** Checks one manifest against the schema of its kind; answers what is wrong, or nothing. */
export type ManifestValidator = (manifest: Manifest) => string[];

/**
 * Kubernetes' own kinds are checked with kubernetes-models (the API's OpenAPI schemas: types,
 * required fields, formats); the operators' custom resources with the strict schemas of
 * custom-resource-schemas.ts. A kind with neither is an error: add its schema first.
 */
export async function createManifestValidator(): Promise<ManifestValidator> {
  const models = await coreModels();
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const customResources = Object.fromEntries(Object.entries(customResourceSchemas).map(([key, schema]) => [key, ajv.compile(schema)]));
  return (manifest) => {
    const key = `${manifest.apiVersion}/${manifest.kind}`;
    if (manifest.kind === 'Secret') return ['Secrets are never committed: create them as deploy/k8s/README.md says'];
    const Model = models[key];
    if (Model) {
      try {
        new Model(manifest).validate();
        return [];
      } catch (error) {
        return [(error as Error).message];
      }
    }
    const validate = customResources[key];
    if (!validate) return [`no schema for ${key}: add one to libs/deploy-checks before using this kind`];
    return validate(manifest) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  };
}
