import { join } from 'node:path';
import { topicDeclarations } from '@sagsspor/contracts';
import type { CodeFacts } from './code-facts';
import {
  checkDatabases,
  checkDocumentedReferences,
  checkKafkaUsers,
  checkNetworkPolicies,
  checkPodHardening,
  checkProbes,
  checkScalingFitsPartitions,
  checkSelectorsAndTargets,
  checkTopics,
} from './cross-references';
import { type Container, podSpecOf, specOf } from './kubernetes-shapes';
import { renderKustomization } from './kustomize';
import type { Manifest } from './manifest';
import { overlaysDir } from './workspace';

// Each check on the production overlay with one thing broken: the check must name it.
const production = renderKustomization(join(overlaysDir, 'production')).map((r) => r.manifest);

/** A copy of the production manifests with one object changed (or removed when `change` returns null). */
function withChange(kind: string, name: string, change: (m: Manifest) => Manifest | null | void): Manifest[] {
  const copy = structuredClone(production);
  const index = copy.findIndex((m) => m.kind === kind && m.metadata.name === name);
  if (index === -1) throw new Error(`no ${kind}/${name} in the production overlay`);
  const changed = change(copy[index]);
  if (changed === null) copy.splice(index, 1);
  return copy;
}

const container = (m: Manifest): Container => podSpecOf(m).containers[0];
const envVar = (m: Manifest, name: string) => container(m).env!.find((e) => e.name === name)!;
type Spec = Record<string, unknown>;
const services = ['case-lifecycle', 'referrals', 'reporting', 'sector-coordination'];
const code: CodeFacts = {
  services,
  topics: ['sagsspor.referrals.events.v1', 'sagsspor.case-lifecycle.events.v1'],
  produces: { referrals: ['sagsspor.referrals.events.v1'], 'case-lifecycle': ['sagsspor.case-lifecycle.events.v1'] },
  consumes: { reporting: [{ name: 'activity', topics: ['sagsspor.referrals.events.v1', 'sagsspor.case-lifecycle.events.v1'] }] },
};

describe('checkSelectorsAndTargets', () => {
  it('names a Service whose selector matches no pods', () => {
    const manifests = withChange('Service', 'reporting', (s) => void (specOf<{ selector: Record<string, string> }>(s).selector['app.kubernetes.io/name'] = 'reportng'));
    expect(checkSelectorsAndTargets(manifests)).toEqual([expect.stringContaining('Service/reporting selects no Deployment')]);
  });

  it('names a Service port that no container declares', () => {
    const manifests = withChange('Service', 'referrals', (s) => void (specOf<{ ports: { targetPort: string }[] }>(s).ports[0].targetPort = 'web'));
    expect(checkSelectorsAndTargets(manifests)).toEqual(['Service/referrals targets port web, which no container of Deployment/referrals declares']);
  });

  it('names a Deployment without a PodDisruptionBudget', () => {
    expect(checkSelectorsAndTargets(withChange('PodDisruptionBudget', 'case-lifecycle', () => null))).toEqual(['Deployment/case-lifecycle has no PodDisruptionBudget']);
  });

  it('names an autoscaler whose Deployment does not exist', () => {
    const manifests = withChange('HorizontalPodAutoscaler', 'reporting', (h) => void (specOf<{ scaleTargetRef: { name: string } }>(h).scaleTargetRef.name = 'reports'));
    expect(checkSelectorsAndTargets(manifests)).toEqual(['HorizontalPodAutoscaler/reporting scales Deployment/reports, which does not exist']);
  });
});

describe('checkProbes', () => {
  it('names a readiness probe that asks liveness only', () => {
    const manifests = withChange('Deployment', 'referrals', (d) => void (container(d).readinessProbe!.httpGet!.path = '/health/live'));
    expect(checkProbes(manifests)).toEqual(['Deployment/referrals container referrals: readinessProbe must GET /health, not /health/live']);
  });

  it('names a probe on a port the container does not declare', () => {
    const manifests = withChange('Deployment', 'reporting', (d) => void (container(d).livenessProbe!.httpGet!.port = 8080));
    expect(checkProbes(manifests)).toEqual(['Deployment/reporting container reporting: livenessProbe uses port 8080, which the container does not declare']);
  });
});

describe('checkPodHardening', () => {
  it('names a writable root file system', () => {
    const manifests = withChange('Deployment', 'case-lifecycle', (d) => void (container(d).securityContext!.readOnlyRootFilesystem = false));
    expect(checkPodHardening(manifests)).toEqual(['Deployment/case-lifecycle: container case-lifecycle must set readOnlyRootFilesystem: true']);
  });

  it('names a pod without a numeric user and a container without a memory limit', () => {
    const manifests = withChange('Deployment', 'reporting', (d) => {
      delete podSpecOf(d).securityContext!.runAsUser;
      delete container(d).resources!.limits!.memory;
    });
    expect(checkPodHardening(manifests)).toEqual([
      'Deployment/reporting: the pod must set a numeric, non-zero runAsUser',
      'Deployment/reporting: container reporting must have a memory limit',
    ]);
  });
});

describe('checkScalingFitsPartitions', () => {
  it('names an autoscaler that allows more pods than partitions', () => {
    const manifests = withChange('HorizontalPodAutoscaler', 'reporting', (h) => void (specOf<Spec>(h).maxReplicas = 13));
    expect(checkScalingFitsPartitions(manifests)).toEqual(['HorizontalPodAutoscaler/reporting allows 13 pods, but the event topics have only 12 partitions']);
  });

  it('takes the smallest event topic, not the dead-letter topics', () => {
    const manifests = withChange('KafkaTopic', 'sagsspor-case-lifecycle-events-v1', (t) => void (specOf<Spec>(t).partitions = 4));
    expect(checkScalingFitsPartitions(manifests)).toHaveLength(4);
  });
});

describe('checkTopics', () => {
  it('passes the production manifests: they are the declared topics', () => {
    expect(checkTopics(production, topicDeclarations)).toEqual([]);
  });

  it('names a declared topic without its KafkaTopic', () => {
    expect(checkTopics(withChange('KafkaTopic', 'sagsspor-referrals-events-v1-dlq', () => null), topicDeclarations)).toEqual(['topic sagsspor.referrals.events.v1.dlq has no KafkaTopic']);
  });

  it('names a topic whose retention is not the declared one: an event topic that would delete old events', () => {
    const manifests = withChange('KafkaTopic', 'sagsspor-case-lifecycle-events-v1', (t) => void (specOf<{ config: Spec }>(t).config['retention.ms'] = 604800000));
    expect(checkTopics(manifests, topicDeclarations)).toEqual(['topic sagsspor.case-lifecycle.events.v1: retention.ms is 604800000, declared -1 (libs/contracts topicDeclarations)']);
  });

  it('names an inbound topic that would keep its encrypted CPR numbers forever (ADR 0081)', () => {
    const forever = withChange('KafkaTopic', 'sagsspor-inbound-police-video-interviews-v1', (t) => void (specOf<{ config: Spec }>(t).config['retention.ms'] = -1));
    expect(checkTopics(forever, topicDeclarations)).toEqual(['topic sagsspor.inbound.police.video-interviews.v1: retention.ms is -1, declared 604800000 (libs/contracts topicDeclarations)']);
  });

  it('names other partitions, replication, cleanup policy', () => {
    const manifests = withChange('KafkaTopic', 'sagsspor-referrals-events-v1', (t) => {
      Object.assign(specOf<Spec>(t), { partitions: 6, replicas: 1 });
      specOf<{ config: Spec }>(t).config['cleanup.policy'] = 'compact';
      delete specOf<{ config: Spec }>(t).config['min.insync.replicas'];
    });
    expect(checkTopics(manifests, topicDeclarations)).toEqual([
      'topic sagsspor.referrals.events.v1: partitions is 6, declared 12 (libs/contracts topicDeclarations)',
      'topic sagsspor.referrals.events.v1: replicas is 1, declared 3 (libs/contracts topicDeclarations)',
      'topic sagsspor.referrals.events.v1: min.insync.replicas is (not set), declared 2 (libs/contracts topicDeclarations)',
      'topic sagsspor.referrals.events.v1: cleanup.policy is compact, declared delete (libs/contracts topicDeclarations)',
    ]);
  });

  it('names a declared topic the manifests lack, and a KafkaTopic nobody declared', () => {
    const planned = { ...topicDeclarations[0], name: 'sagsspor.planned.events.v1' };
    expect(checkTopics(production, [...topicDeclarations.slice(1), planned])).toEqual([
      'topic sagsspor.planned.events.v1 has no KafkaTopic',
      'KafkaTopic/sagsspor-referrals-events-v1 (topic sagsspor.referrals.events.v1) is not declared in libs/contracts topicDeclarations',
    ]);
  });
});

describe('checkKafkaUsers', () => {
  it('names a consumed topic the user may not read', () => {
    const manifests = withChange('KafkaUser', 'sagsspor-reporting', (u) => {
      const authorization = specOf<{ authorization: { acls: { resource: { name: string }; operations: string[] }[] } }>(u).authorization;
      authorization.acls = authorization.acls.filter((acl) => !(acl.resource.name === 'sagsspor.case-lifecycle.events.v1' && acl.operations.includes('Read')));
    });
    expect(checkKafkaUsers(manifests, code)).toEqual(['KafkaUser/sagsspor-reporting lacks Read on topic sagsspor.case-lifecycle.events.v1']);
  });

  it('names a consumer group and a dead-letter topic the code needs', () => {
    const consumesMore: CodeFacts = { ...code, consumes: { ...code.consumes, referrals: [{ name: 'watch', topics: ['sagsspor.case-lifecycle.events.v1'] }] } };
    expect(checkKafkaUsers(production, consumesMore)).toEqual([
      'KafkaUser/sagsspor-referrals lacks Read on group sagsspor-referrals-watch',
      'KafkaUser/sagsspor-referrals lacks Read on topic sagsspor.case-lifecycle.events.v1',
      'KafkaUser/sagsspor-referrals lacks Write on topic sagsspor.case-lifecycle.events.v1.dlq',
    ]);
  });

  it('names a Deployment that logs in as a user that does not exist', () => {
    const manifests = withChange('Deployment', 'referrals', (d) => void (envVar(d, 'KAFKA_SASL_USERNAME').value = 'referrals'));
    expect(checkKafkaUsers(manifests, code)).toEqual(["Deployment/referrals: KAFKA_SASL_USERNAME 'referrals' is no KafkaUser"]);
  });
});

describe('checkDatabases', () => {
  it("names a cluster whose database is not the one the service opens", () => {
    const manifests = withChange('Cluster', 'sagsspor-case-lifecycle-db', (c) => void (specOf<{ bootstrap: { initdb: Spec } }>(c).bootstrap.initdb.database = 'app'));
    expect(checkDatabases(manifests, services)).toEqual([
      'Cluster/sagsspor-case-lifecycle-db must create the database sagsspor_case_lifecycle, the one case-lifecycle opens, not app',
    ]);
  });

  it('names a service that would connect without TLS', () => {
    const manifests = withChange('Deployment', 'reporting', (d) => void (envVar(d, 'DATABASE_SSL').value = 'false'));
    expect(checkDatabases(manifests, services)).toEqual([
      'Deployment/reporting: connect with TLS (DATABASE_SSL true) and check the server against sagsspor-reporting-db-ca (DATABASE_SSL_CA_FILE)',
    ]);
  });
});

describe('checkNetworkPolicies', () => {
  it('names a missing default deny', () => {
    expect(checkNetworkPolicies(withChange('NetworkPolicy', 'default-deny-all', () => null))).toEqual(['no NetworkPolicy denies all ingress and egress by default']);
  });

  it('names a rule open to any address', () => {
    const manifests = withChange('NetworkPolicy', 'services-to-identity-provider', (p) => void (specOf<{ egress: { to: { ipBlock: { cidr: string } }[] }[] }>(p).egress[0].to[0].ipBlock.cidr = '0.0.0.0/0'));
    expect(checkNetworkPolicies(manifests)).toEqual(['NetworkPolicy/services-to-identity-provider opens traffic to any address']);
  });
});

describe('checkDocumentedReferences', () => {
  const readme = [
    '| variable | from |',
    '|---|---|',
    '| `DATABASE_URL` | Secret `sagsspor-<service>-db-app`, key `uri` |',
    '| `LOG_LEVEL` | ConfigMap `sagsspor-settings`, key `LOG_LEVEL` |',
  ].join('\n');
  const deployment = (env: unknown[]): Manifest => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'reporting' },
    spec: { template: { spec: { containers: [{ name: 'reporting', env }] } } },
  });
  const settings: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sagsspor-settings' }, data: { LOG_LEVEL: 'info' } };

  it('accepts what the tables name, with <service> standing for each service', () => {
    const env = [
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'sagsspor-reporting-db-app', key: 'uri' } } },
      { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'sagsspor-settings', key: 'LOG_LEVEL' } } },
    ];
    expect(checkDocumentedReferences([deployment(env), settings], readme, services)).toEqual([]);
  });

  it('names an undocumented variable, Secret key and a ConfigMap key the ConfigMap lacks', () => {
    const env = [
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'sagsspor-reporting-db-app', key: 'password' } } },
      { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'sagsspor-settings', key: 'LOG_LEVEL' } } },
      { name: 'FEATURE_X', value: 'on' },
    ];
    const emptySettings = { ...settings, data: {} };
    expect(checkDocumentedReferences([deployment(env), emptySettings], readme, services)).toEqual([
      'variable FEATURE_X is not documented in deploy/k8s/README.md',
      'Secret sagsspor-reporting-db-app key password is not documented in deploy/k8s/README.md',
      'ConfigMap sagsspor-settings has no key LOG_LEVEL',
    ]);
  });
});
