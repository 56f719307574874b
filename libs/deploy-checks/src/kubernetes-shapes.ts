import type { Manifest } from './manifest';

/** The parts of Kubernetes objects the cross-reference checks read (typed loosely: they are checked, not trusted). */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef };
}
export interface KeyRef {
  name: string;
  key: string;
}
export interface Probe {
  httpGet?: { path?: string; port?: string | number };
}
export interface Container {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  securityContext?: {
    runAsNonRoot?: boolean;
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
}
export interface PodSpec {
  containers: Container[];
  automountServiceAccountToken?: boolean;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type?: string } };
  volumes?: { name: string; secret?: { secretName: string; items?: { key: string; path: string }[] } }[];
}
export interface LabelSelector {
  matchLabels?: Record<string, string>;
}

export const ofKind = (manifests: Manifest[], kind: string): Manifest[] => manifests.filter((m) => m.kind === kind);
export const specOf = <T>(m: Manifest): T => (m.spec ?? {}) as T;
export const podSpecOf = (deployment: Manifest): PodSpec => specOf<{ template: { spec: PodSpec } }>(deployment).template.spec;
export const podLabelsOf = (deployment: Manifest): Record<string, string> =>
  specOf<{ template: { metadata?: { labels?: Record<string, string> } } }>(deployment).template.metadata?.labels ?? {};

/** Whether every label of the selector is on the object (an empty selector selects nothing here). */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

export const envOf = (container: Container, name: string): EnvVar | undefined => container.env?.find((e) => e.name === name);
