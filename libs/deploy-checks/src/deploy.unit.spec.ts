import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { topicDeclarations } from '@sagsspor/contracts';
import { readCodeFacts } from './code-facts';
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
import { renderKustomization } from './kustomize';
import { nameOf } from './manifest';
import { createManifestValidator, type ManifestValidator } from './schema-validation';
import { k8sDir, overlayNames, overlaysDir, workspaceRoot, yamlFilesUnder } from './workspace';

// The deployment in deploy/k8s, as `kubectl apply -k deploy/k8s/overlays/<overlay>` would send it.
const code = readCodeFacts(workspaceRoot);
const readme = readFileSync(join(k8sDir, 'README.md'), 'utf8');
const overlays = overlayNames().map((name) => ({ name, rendered: renderKustomization(join(overlaysDir, name)) }));

describe('deploy/k8s', () => {
  let validate: ManifestValidator;
  beforeAll(async () => {
    validate = await createManifestValidator();
  });

  it('has an overlay', () => {
    expect(overlays.map((o) => o.name)).toContain('production');
  });

  it('renders every manifest file in some overlay, so none escapes the checks', () => {
    const rendered = new Set(overlays.flatMap((o) => o.rendered.map((r) => r.file)));
    const manifestFiles = yamlFilesUnder(k8sDir).filter((f) => basename(f) !== 'kustomization.yaml');
    expect(manifestFiles.filter((f) => !rendered.has(f)).map((f) => relative(k8sDir, f))).toEqual([]);
  });

  describe.each(overlays)('overlay $name', ({ rendered }) => {
    const manifests = rendered.map((r) => r.manifest);

    it('every object matches the schema of its kind', () => {
      const problems = rendered.flatMap(({ manifest, file }) => validate(manifest).map((p) => `${relative(k8sDir, file)} ${nameOf(manifest)}: ${p}`));
      expect(problems).toEqual([]);
    });

    it('Services, autoscalers, disruption budgets and the ingress find their targets', () => {
      expect(checkSelectorsAndTargets(manifests)).toEqual([]);
    });

    it('probes ask /health for readiness and /health/live for liveness, on the container port', () => {
      expect(checkProbes(manifests)).toEqual([]);
    });

    it('pods run as non-root on a read-only root file system, without privileges, with requests and limits', () => {
      expect(checkPodHardening(manifests)).toEqual([]);
    });

    it('no autoscaler allows more pods than the event topics have partitions', () => {
      expect(checkScalingFitsPartitions(manifests)).toEqual([]);
    });

    it('the KafkaTopics are the topics declared in libs/contracts: partitions, retention, cleanup policy, replicated', () => {
      expect(checkTopics(manifests, topicDeclarations)).toEqual([]);
    });

    it("each service's Kafka user may do what its code does", () => {
      expect(checkKafkaUsers(manifests, code)).toEqual([]);
    });

    it('each service uses its own PostgreSQL cluster, over TLS, with the database it opens', () => {
      expect(checkDatabases(manifests, code.services)).toEqual([]);
    });

    it('denies all traffic by default and never opens the internet', () => {
      expect(checkNetworkPolicies(manifests)).toEqual([]);
    });

    it('every variable, Secret key and ConfigMap key the services use is documented in deploy/k8s/README.md', () => {
      expect(checkDocumentedReferences(manifests, readme, code.services)).toEqual([]);
    });
  });
});
