import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as written in a manifest file. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** A manifest and the file it came from, for messages a reader can act on. */
export interface SourcedManifest {
  manifest: Manifest;
  file: string;
}

/** `Kind/name` of a manifest, as kubectl names it. */
export const nameOf = (m: Manifest): string => `${m.kind}/${m.metadata?.name}`;

/**
 * The documents of a YAML file. YAML 1.1, as Kubernetes reads it (`yes` and `on` are booleans
 * there), so a value means here what it will mean to the API server. Empty documents are skipped.
 */
export function readYamlDocuments(file: string): unknown[] {
  const documents = parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1', uniqueKeys: true });
  return documents.flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = document.toJS();
    return value === null || value === undefined ? [] : [value];
  });
}

/** The Kubernetes objects of a manifest file; anything that is not one is an error. */
export function readManifests(file: string): SourcedManifest[] {
  return readYamlDocuments(file).map((value, index) => {
    const m = value as Partial<Manifest>;
    if (typeof m !== 'object' || typeof m.apiVersion !== 'string' || typeof m.kind !== 'string' || typeof m.metadata?.name !== 'string') {
      throw new Error(`${file}: document ${index + 1} is not a Kubernetes object (apiVersion, kind and metadata.name)`);
    }
    return { manifest: m as Manifest, file };
  });
}
