import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const workspaceRoot = resolve(__dirname, '../../..');
export const k8sDir = join(workspaceRoot, 'deploy', 'k8s');
export const overlaysDir = join(k8sDir, 'overlays');

/** The overlays of deploy/k8s: one folder each. */
export const overlayNames = (): string[] =>
  readdirSync(overlaysDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

/** Every YAML file under a folder, kustomization files included. */
export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
