import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Manifest, nameOf, readManifests, readYamlDocuments, type SourcedManifest } from './manifest';

/**
 * Renders a kustomization the way `kubectl kustomize` does, for the part of kustomize that
 * deploy/k8s uses: `resources` (files and folders with their own kustomization), `namespace`
 * and `images`. Any other field is refused, so the check never validates something other than
 * what kubectl would apply; teach it the field first.
 */
export function renderKustomization(dir: string): SourcedManifest[] {
  const file = join(dir, 'kustomization.yaml');
  const [kustomization] = readYamlDocuments(file) as Kustomization[];
  const unsupported = Object.keys(kustomization ?? {}).filter((field) => !SUPPORTED_FIELDS.has(field));
  if (unsupported.length > 0) throw new Error(`${file}: the deploy check does not render ${unsupported.join(', ')}`);
  const rendered = (kustomization.resources ?? []).flatMap((entry) => {
    const path = resolve(dir, entry);
    if (!existsSync(path)) throw new Error(`${file}: resource ${entry} does not exist`);
    return statSync(path).isDirectory() ? renderKustomization(path) : readManifests(path);
  });
  const copies = rendered.map(({ manifest, file: source }) => ({ manifest: structuredClone(manifest), file: source }));
  if (kustomization.namespace) copies.forEach(({ manifest }) => setNamespace(manifest, kustomization.namespace as string));
  for (const image of kustomization.images ?? []) applyImage(file, image, copies);
  refuseDuplicates(file, copies);
  return copies;
}

interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  images?: ImageOverride[];
}

const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images']);
const SUPPORTED_IMAGE_FIELDS = new Set(['name', 'newName', 'newTag']);
const CLUSTER_SCOPED_KINDS = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'PriorityClass']);

function setNamespace(manifest: Manifest, namespace: string): void {
  // As kustomize does: a Namespace object is renamed to the kustomization's namespace.
  if (manifest.kind === 'Namespace') manifest.metadata.name = namespace;
  else if (!CLUSTER_SCOPED_KINDS.has(manifest.kind)) manifest.metadata.namespace = namespace;
}

/** `registry/name:tag@digest` → the name without tag and digest. */
export function imageName(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

function imageTag(image: string): string | undefined {
  const name = imageName(image);
  const rest = image.split('@')[0].slice(name.length);
  return rest.startsWith(':') ? rest.slice(1) : undefined;
}

function applyImage(file: string, override: ImageOverride, manifests: SourcedManifest[]): void {
  const unsupported = Object.keys(override).filter((field) => !SUPPORTED_IMAGE_FIELDS.has(field));
  if (unsupported.length > 0) throw new Error(`${file}: image ${override.name}: the deploy check does not render ${unsupported.join(', ')}`);
  for (const { manifest } of manifests) {
    for (const container of podTemplateContainers(manifest)) {
      if (typeof container.image !== 'string' || imageName(container.image) !== override.name) continue;
      const tag = override.newTag ?? imageTag(container.image);
      container.image = `${override.newName ?? override.name}${tag ? `:${tag}` : ''}`;
    }
  }
}

/** The containers and init containers of a workload's pod template (`spec.template.spec`). */
export function podTemplateContainers(manifest: Manifest): { name?: string; image?: string }[] {
  const podSpec = (manifest.spec as { template?: { spec?: { containers?: unknown[]; initContainers?: unknown[] } } } | undefined)?.template?.spec;
  return [...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])] as { name?: string; image?: string }[];
}

function refuseDuplicates(file: string, manifests: SourcedManifest[]): void {
  const seen = new Set<string>();
  for (const { manifest } of manifests) {
    const id = `${manifest.apiVersion} ${manifest.metadata.namespace ?? ''} ${nameOf(manifest)}`;
    if (seen.has(id)) throw new Error(`${file}: ${nameOf(manifest)} appears twice`);
    seen.add(id);
  }
}
