import { deadLetterTopicOf, productionTopicReplication, topicConfigOf, type TopicDeclaration } from '@sagsspor/contracts';
import type { CodeFacts } from './code-facts';
import {
  type Container,
  envOf,
  type KeyRef,
  type LabelSelector,
  ofKind,
  podLabelsOf,
  podSpecOf,
  type Probe,
  selects,
  specOf,
} from './kubernetes-shapes';
import { type Manifest, nameOf } from './manifest';

/**
 * Checks between the rendered manifests, and between them and the code, that a schema cannot
 * make. Each answers its problems as sentences naming the object; an empty list is a pass.
 */

/** Every Service, HorizontalPodAutoscaler, PodDisruptionBudget and Ingress backend finds its Deployment or Service. */
export function checkSelectorsAndTargets(manifests: Manifest[]): string[] {
  const deployments = ofKind(manifests, 'Deployment');
  const services = ofKind(manifests, 'Service');
  const problems: string[] = [];
  for (const service of services) {
    const spec = specOf<{ selector?: Record<string, string>; ports?: { targetPort?: string | number }[] }>(service);
    const target = deployments.find((d) => selects(spec.selector, podLabelsOf(d)));
    if (!target) {
      problems.push(`${nameOf(service)} selects no Deployment's pods (selector ${JSON.stringify(spec.selector ?? {})})`);
      continue;
    }
    for (const port of spec.ports ?? []) {
      if (!containerPortsOf(podSpecOf(target).containers).has(String(port.targetPort))) {
        problems.push(`${nameOf(service)} targets port ${port.targetPort}, which no container of ${nameOf(target)} declares`);
      }
    }
  }
  for (const hpa of ofKind(manifests, 'HorizontalPodAutoscaler')) {
    const ref = specOf<{ scaleTargetRef: { kind: string; name: string } }>(hpa).scaleTargetRef;
    if (!manifests.some((m) => m.kind === ref.kind && m.metadata.name === ref.name)) problems.push(`${nameOf(hpa)} scales ${ref.kind}/${ref.name}, which does not exist`);
  }
  for (const pdb of ofKind(manifests, 'PodDisruptionBudget')) {
    const selector = specOf<{ selector?: LabelSelector }>(pdb).selector?.matchLabels;
    if (!deployments.some((d) => selects(selector, podLabelsOf(d)))) problems.push(`${nameOf(pdb)} selects no Deployment's pods`);
  }
  for (const deployment of deployments) {
    if (!ofKind(manifests, 'PodDisruptionBudget').some((pdb) => selects(specOf<{ selector?: LabelSelector }>(pdb).selector?.matchLabels, podLabelsOf(deployment)))) {
      problems.push(`${nameOf(deployment)} has no PodDisruptionBudget`);
    }
  }
  for (const ingress of ofKind(manifests, 'Ingress')) {
    const rules = specOf<{ rules?: { http?: { paths: { backend: { service: { name: string; port: { name?: string; number?: number } } } }[] } }[] }>(ingress).rules ?? [];
    for (const { backend } of rules.flatMap((r) => r.http?.paths ?? [])) {
      const service = services.find((s) => s.metadata.name === backend.service.name);
      const ports = specOf<{ ports?: { name?: string; port: number }[] }>(service ?? ({} as Manifest)).ports ?? [];
      if (!service || !ports.some((p) => p.name === backend.service.port.name || p.port === backend.service.port.number)) {
        problems.push(`${nameOf(ingress)} sends to Service/${backend.service.name} port ${backend.service.port.name ?? backend.service.port.number}, which does not exist`);
      }
    }
  }
  return problems;
}

function containerPortsOf(containers: Container[]): Set<string> {
  return new Set(containers.flatMap((c) => (c.ports ?? []).flatMap((p) => [String(p.containerPort), ...(p.name ? [p.name] : [])])));
}

/** Readiness asks /health (database and Kafka), liveness and start-up /health/live, on a port the container declares. */
export function checkProbes(manifests: Manifest[]): string[] {
  const expected: [keyof Container, string, boolean][] = [
    ['readinessProbe', '/health', true],
    ['livenessProbe', '/health/live', true],
    ['startupProbe', '/health/live', false],
  ];
  return ofKind(manifests, 'Deployment').flatMap((deployment) =>
    podSpecOf(deployment).containers.flatMap((container) => {
      const ports = containerPortsOf([container]);
      return expected.flatMap(([probeName, path, required]) => {
        const probe = container[probeName] as Probe | undefined;
        const where = `${nameOf(deployment)} container ${container.name}: ${probeName}`;
        if (!probe) return required ? [`${where} is missing`] : [];
        if (probe.httpGet?.path !== path) return [`${where} must GET ${path}, not ${probe.httpGet?.path ?? '(no httpGet)'}`];
        return ports.has(String(probe.httpGet.port)) ? [] : [`${where} uses port ${probe.httpGet.port}, which the container does not declare`];
      });
    }),
  );
}

/** Non-root, no privilege escalation, read-only root file system, no capabilities, no API token, requests and a memory limit. */
export function checkPodHardening(manifests: Manifest[]): string[] {
  return ofKind(manifests, 'Deployment').flatMap((deployment) => {
    const pod = podSpecOf(deployment);
    const problems: string[] = [];
    const say = (what: string) => problems.push(`${nameOf(deployment)}: ${what}`);
    if (pod.automountServiceAccountToken !== false) say('automountServiceAccountToken must be false');
    if (pod.securityContext?.runAsNonRoot !== true) say('the pod must set runAsNonRoot: true');
    if (!Number.isInteger(pod.securityContext?.runAsUser) || (pod.securityContext?.runAsUser ?? 0) <= 0) say('the pod must set a numeric, non-zero runAsUser');
    if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault') say('the pod must use the RuntimeDefault seccomp profile');
    for (const c of pod.containers) {
      const sc = c.securityContext;
      if (sc?.allowPrivilegeEscalation !== false) say(`container ${c.name} must set allowPrivilegeEscalation: false`);
      if (sc?.readOnlyRootFilesystem !== true) say(`container ${c.name} must set readOnlyRootFilesystem: true`);
      if (!sc?.capabilities?.drop?.includes('ALL')) say(`container ${c.name} must drop ALL capabilities`);
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory) say(`container ${c.name} must request cpu and memory`);
      if (!c.resources?.limits?.memory) say(`container ${c.name} must have a memory limit`);
    }
    return problems;
  });
}

/** A consumer group uses at most one consumer per partition: no autoscaler may add pods that would sit idle. */
export function checkScalingFitsPartitions(manifests: Manifest[]): string[] {
  const eventTopics = ofKind(manifests, 'KafkaTopic').filter((t) => !topicNameOf(t).endsWith('.dlq'));
  if (eventTopics.length === 0) return ['no KafkaTopic for the event topics'];
  const partitions = Math.min(...eventTopics.map((t) => specOf<{ partitions: number }>(t).partitions));
  return ofKind(manifests, 'HorizontalPodAutoscaler').flatMap((hpa) => {
    const { minReplicas, maxReplicas } = specOf<{ minReplicas?: number; maxReplicas: number }>(hpa);
    const problems: string[] = [];
    if (maxReplicas > partitions) problems.push(`${nameOf(hpa)} allows ${maxReplicas} pods, but the event topics have only ${partitions} partitions`);
    if ((minReplicas ?? 1) < 2) problems.push(`${nameOf(hpa)} must keep at least 2 pods (one may be drained or rolled)`);
    return problems;
  });
}

export const topicNameOf = (topic: Manifest): string => specOf<{ topicName?: string }>(topic).topicName ?? topic.metadata.name;

/**
 * The KafkaTopics are the topics declared once in libs/contracts (topicDeclarations, ADR 0097):
 * each declared topic has one, with its partitions, retention and cleanup policy, and the
 * production replication (3 replicas, 2 in sync); no KafkaTopic is undeclared.
 */
export function checkTopics(manifests: Manifest[], declarations: readonly TopicDeclaration[]): string[] {
  const manifested = new Map(ofKind(manifests, 'KafkaTopic').map((t) => [topicNameOf(t), t]));
  const clusters = new Set(ofKind(manifests, 'Kafka').map((k) => k.metadata.name));
  const problems: string[] = [];
  for (const declaration of declarations) {
    const topic = manifested.get(declaration.name);
    if (!topic) {
      problems.push(`topic ${declaration.name} has no KafkaTopic`);
      continue;
    }
    const { partitions, replicas, config = {} } = specOf<{ partitions?: number; replicas?: number; config?: Record<string, unknown> }>(topic);
    const differs = (what: string, actual: unknown, declared: unknown) => {
      if (String(actual) !== String(declared)) problems.push(`topic ${declaration.name}: ${what} is ${actual ?? '(not set)'}, declared ${declared} (libs/contracts topicDeclarations)`);
    };
    if (!clusters.has(topic.metadata.labels?.['strimzi.io/cluster'] ?? '')) problems.push(`${nameOf(topic)} names no Kafka cluster of these manifests (label strimzi.io/cluster)`);
    differs('partitions', partitions, declaration.partitions);
    differs('replicas', replicas, productionTopicReplication.replicas);
    differs('min.insync.replicas', config['min.insync.replicas'], productionTopicReplication.minInSyncReplicas);
    for (const [name, value] of Object.entries(topicConfigOf(declaration))) differs(name, config[name], value);
  }
  const declared = new Set(declarations.map((d) => d.name));
  for (const [name, topic] of manifested) if (!declared.has(name)) problems.push(`${nameOf(topic)} (topic ${name}) is not declared in libs/contracts topicDeclarations`);
  return problems;
}

interface Acl {
  type?: 'allow' | 'deny';
  resource: { type: string; name?: string; patternType?: 'literal' | 'prefix' };
  operations: string[];
}

function allows(acls: Acl[], resourceType: string, name: string, operation: string): boolean {
  return acls.some(
    (acl) =>
      acl.type !== 'deny' &&
      acl.resource.type === resourceType &&
      (acl.resource.patternType === 'prefix' ? name.startsWith(acl.resource.name ?? '') : acl.resource.name === name) &&
      (acl.operations.includes(operation) || acl.operations.includes('All')),
  );
}

/**
 * Each service logs in to Kafka as its own KafkaUser, whose ACLs allow what the code does:
 * Describe every contract topic (start-up checks them all), Write its own topics (the relay),
 * Read what it consumes with its groups, Write those topics' dead-letter topics.
 */
export function checkKafkaUsers(manifests: Manifest[], code: CodeFacts): string[] {
  return code.services.flatMap((service) => {
    const container = serviceContainer(manifests, service);
    if (!container) return [`service ${service} has no Deployment`];
    const username = envOf(container, 'KAFKA_SASL_USERNAME')?.value;
    const user = ofKind(manifests, 'KafkaUser').find((u) => u.metadata.name === username);
    if (!user) return [`Deployment/${service}: KAFKA_SASL_USERNAME '${username}' is no KafkaUser`];
    const password = envOf(container, 'KAFKA_SASL_PASSWORD')?.valueFrom?.secretKeyRef;
    const problems: string[] = [];
    if (password?.name !== username || password?.key !== 'password') problems.push(`Deployment/${service}: KAFKA_SASL_PASSWORD must come from Secret ${username}, key password (made by the User Operator)`);
    const acls = specOf<{ authorization?: { acls: Acl[] } }>(user).authorization?.acls ?? [];
    const need = (resourceType: string, name: string, operation: string) => {
      if (!allows(acls, resourceType, name, operation)) problems.push(`${nameOf(user)} lacks ${operation} on ${resourceType} ${name}`);
    };
    for (const topic of code.topics) [topic, deadLetterTopicOf(topic)].forEach((t) => need('topic', t, 'Describe'));
    for (const topic of code.produces[service] ?? []) need('topic', topic, 'Write');
    for (const registration of code.consumes[service] ?? []) {
      need('group', `sagsspor-${service}-${registration.name}`, 'Read');
      for (const topic of registration.topics) {
        need('topic', topic, 'Read');
        need('topic', deadLetterTopicOf(topic), 'Write');
      }
    }
    return problems;
  });
}

/**
 * Each service's DATABASE_URL is the `uri` of its own CloudNativePG cluster's app Secret, its CA is
 * that cluster's, and the cluster's database is the one the service opens: `sagsspor_<service>`
 * (libs/platform serviceDatabaseUrl replaces the database name of the URL).
 */
export function checkDatabases(manifests: Manifest[], services: string[]): string[] {
  return services.flatMap((service) => {
    const container = serviceContainer(manifests, service);
    const deployment = ofKind(manifests, 'Deployment').find((d) => d.metadata.name === service);
    if (!container || !deployment) return [];
    const url = envOf(container, 'DATABASE_URL')?.valueFrom?.secretKeyRef;
    const cluster = ofKind(manifests, 'Cluster').find((c) => url?.name === `${c.metadata.name}-app` && url.key === 'uri');
    if (!cluster) return [`Deployment/${service}: DATABASE_URL must be the uri of a CloudNativePG Cluster's Secret <cluster>-app`];
    const problems: string[] = [];
    const database = specOf<{ bootstrap?: { initdb?: { database?: string } } }>(cluster).bootstrap?.initdb?.database;
    const expected = `sagsspor_${service.replace(/-/g, '_')}`;
    if (database !== expected) problems.push(`${nameOf(cluster)} must create the database ${expected}, the one ${service} opens, not ${database}`);
    const caFile = envOf(container, 'DATABASE_SSL_CA_FILE')?.value ?? '';
    const caVolume = podSpecOf(deployment).volumes?.find((v) => v.secret?.secretName === `${cluster.metadata.name}-ca`);
    if (envOf(container, 'DATABASE_SSL')?.value !== 'true' || !caVolume || !caFile.endsWith('/ca.crt')) {
      problems.push(`Deployment/${service}: connect with TLS (DATABASE_SSL true) and check the server against ${cluster.metadata.name}-ca (DATABASE_SSL_CA_FILE)`);
    }
    return problems;
  });
}

function serviceContainer(manifests: Manifest[], service: string): Container | undefined {
  const deployment = ofKind(manifests, 'Deployment').find((d) => d.metadata.name === service);
  return deployment ? podSpecOf(deployment).containers.find((c) => c.name === service) : undefined;
}

/** A policy that denies all traffic of every pod, and no rule that opens the whole internet. */
export function checkNetworkPolicies(manifests: Manifest[]): string[] {
  const policies = ofKind(manifests, 'NetworkPolicy');
  const problems: string[] = [];
  const denyAll = policies.some((p) => {
    const spec = specOf<{ podSelector?: object; policyTypes?: string[]; ingress?: unknown[]; egress?: unknown[] }>(p);
    return Object.keys(spec.podSelector ?? { any: 1 }).length === 0 && ['Ingress', 'Egress'].every((t) => spec.policyTypes?.includes(t)) && !spec.ingress?.length && !spec.egress?.length;
  });
  if (!denyAll) problems.push('no NetworkPolicy denies all ingress and egress by default');
  for (const p of policies) {
    if (/"cidr":"(0\.0\.0\.0\/0|::\/0)"/.test(JSON.stringify(p.spec))) problems.push(`${nameOf(p)} opens traffic to any address`);
  }
  return problems;
}

/** Every Secret and ConfigMap key a workload reads, and every variable it sets. */
export function referencesOf(manifests: Manifest[]): { secrets: KeyRef[]; configMaps: KeyRef[]; variables: string[] } {
  const containers = ofKind(manifests, 'Deployment').flatMap((d) => podSpecOf(d).containers);
  const env = containers.flatMap((c) => c.env ?? []);
  const volumeSecrets = ofKind(manifests, 'Deployment').flatMap((d) =>
    (podSpecOf(d).volumes ?? []).flatMap((v) => (v.secret ? (v.secret.items ?? []).map((item) => ({ name: v.secret!.secretName, key: item.key })) : [])),
  );
  const objectStoreSecrets = ofKind(manifests, 'ObjectStore').flatMap((o) =>
    Object.values(specOf<{ configuration: { s3Credentials?: Record<string, KeyRef> } }>(o).configuration.s3Credentials ?? {}).filter((ref): ref is KeyRef => typeof ref === 'object'),
  );
  return {
    secrets: [...env.flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : [])), ...volumeSecrets, ...objectStoreSecrets],
    configMaps: env.flatMap((e) => (e.valueFrom?.configMapKeyRef ? [e.valueFrom.configMapKeyRef] : [])),
    variables: [...new Set(env.map((e) => e.name))],
  };
}

/**
 * What an operator must know is in deploy/k8s/README.md: every variable a workload sets, and every
 * Secret and ConfigMap key it reads, in a table row (names in backticks; `<service>` in a name stands
 * for each service). A ConfigMap key must also be in the ConfigMap of the rendered manifests.
 */
export function checkDocumentedReferences(manifests: Manifest[], readme: string, services: string[]): string[] {
  const rows = readme.split('\n').filter((line) => line.trimStart().startsWith('|')).map((row) => [...row.matchAll(/`([^`]+)`/g)].map(([, token]) => token));
  const matches = (token: string, name: string) =>
    new RegExp(`^${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<service>/g, `(${services.join('|')})`)}$`).test(name);
  const documented = (ref: KeyRef) => rows.some((tokens) => tokens.some((t) => matches(t, ref.name)) && tokens.includes(ref.key));
  const { secrets, configMaps, variables } = referencesOf(manifests);
  const problems = [
    ...variables.filter((v) => !rows.some((tokens) => tokens[0] === v)).map((v) => `variable ${v} is not documented in deploy/k8s/README.md`),
    ...secrets.filter((r) => !documented(r)).map((r) => `Secret ${r.name} key ${r.key} is not documented in deploy/k8s/README.md`),
    ...configMaps.filter((r) => !documented(r)).map((r) => `ConfigMap ${r.name} key ${r.key} is not documented in deploy/k8s/README.md`),
  ];
  for (const ref of configMaps) {
    const configMap = ofKind(manifests, 'ConfigMap').find((c) => c.metadata.name === ref.name);
    if (!configMap || !(ref.key in ((configMap.data as Record<string, string>) ?? {}))) problems.push(`ConfigMap ${ref.name} has no key ${ref.key}`);
  }
  return [...new Set(problems)];
}
