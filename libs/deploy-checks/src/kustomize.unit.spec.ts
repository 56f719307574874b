import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { podSpecOf } from './kubernetes-shapes';
import { imageName, renderKustomization } from './kustomize';

describe('renderKustomization', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'deploy-checks-'));
    write('base/kustomization.yaml', 'resources: [app.yaml, namespace.yaml]\n');
    write('base/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default-name\n');
    write(
      'base/app.yaml',
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: referrals }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - { name: referrals, image: sagsspor/referrals }',
        '        - { name: sidecar, image: "registry.example/tools/sidecar:1.2" }',
      ].join('\n'),
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('puts every namespaced object in the namespace and renames the Namespace, as kustomize does', () => {
    write('overlay/kustomization.yaml', 'namespace: sagsspor\nresources: [../base]\n');
    const rendered = renderKustomization(join(root, 'overlay')).map((r) => r.manifest);
    expect(rendered.map((m) => [m.kind, m.metadata.name, m.metadata.namespace])).toEqual([
      ['Deployment', 'referrals', 'sagsspor'],
      ['Namespace', 'sagsspor', undefined],
    ]);
  });

  it('replaces image names and tags, keeping a tag the override does not set', () => {
    write(
      'overlay/kustomization.yaml',
      'resources: [../base]\nimages:\n  - { name: sagsspor/referrals, newName: registry.example/sagsspor/referrals, newTag: "0.2.0" }\n  - { name: registry.example/tools/sidecar, newName: mirror.example/sidecar }\n',
    );
    const [deployment] = renderKustomization(join(root, 'overlay')).map((r) => r.manifest);
    expect(podSpecOf(deployment).containers.map((c) => c.image)).toEqual([
      'registry.example/sagsspor/referrals:0.2.0',
      'mirror.example/sidecar:1.2',
    ]);
  });

  it('remembers the file each object came from', () => {
    write('overlay/kustomization.yaml', 'resources: [../base]\n');
    expect(renderKustomization(join(root, 'overlay')).map((r) => r.file)).toEqual([join(root, 'base/app.yaml'), join(root, 'base/namespace.yaml')]);
  });

  it('refuses a kustomize field it does not render, instead of checking something kubectl would not apply', () => {
    write('overlay/kustomization.yaml', 'resources: [../base]\npatches:\n  - path: replicas.yaml\n');
    expect(() => renderKustomization(join(root, 'overlay'))).toThrow(/does not render patches/);
  });

  it('refuses an object that appears twice', () => {
    write('overlay/kustomization.yaml', 'resources: [../base, ../base/app.yaml]\n');
    expect(() => renderKustomization(join(root, 'overlay'))).toThrow('Deployment/referrals appears twice');
  });

  it('reads YAML as Kubernetes does (1.1): an unquoted yes is a boolean', () => {
    write('base/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n  labels: { enabled: yes }\n');
    write('overlay/kustomization.yaml', 'resources: [../base]\n');
    const namespace = renderKustomization(join(root, 'overlay')).find((r) => r.manifest.kind === 'Namespace');
    expect(namespace?.manifest.metadata.labels).toEqual({ enabled: true });
  });
});

describe('imageName', () => {
  it.each([
    ['sagsspor/referrals', 'sagsspor/referrals'],
    ['sagsspor/referrals:0.1.0', 'sagsspor/referrals'],
    ['registry.example:5000/sagsspor/referrals:0.1.0', 'registry.example:5000/sagsspor/referrals'],
    ['sagsspor/referrals@sha256:abc', 'sagsspor/referrals'],
  ])('%s is named %s', (image, name) => {
    expect(imageName(image)).toBe(name);
  });
});
