import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

function markdownFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return markdownFilesUnder(full);
    return entry.endsWith('.md') ? [full] : [];
  });
}

/** Relative link targets of a markdown file (inline links), without their #fragment. */
function relativeLinksOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.split('#')[0]);
}

const documents = [path.join(repoRoot, 'README.md'), ...markdownFilesUnder(path.join(repoRoot, 'docs')), path.join(repoRoot, 'deploy/k8s/README.md')];

describe('the documentation', () => {
  it.each(documents.map((d) => [path.relative(repoRoot, d), d]))('%s links only to files that exist', (_name, file) => {
    const broken = relativeLinksOf(file).filter((target) => !existsSync(path.resolve(path.dirname(file), target)));
    expect(broken).toEqual([]);
  });

  it('lists every ADR in docs/adr/README.md', () => {
    const adrs = readdirSync(path.join(repoRoot, 'docs/adr')).filter((f) => /^\d{4}-.*\.md$/.test(f));
    const index = readFileSync(path.join(repoRoot, 'docs/adr/README.md'), 'utf8');
    expect(adrs.length).toBeGreaterThan(0);
    expect(adrs.filter((adr) => !index.includes(`](${adr})`))).toEqual([]);
  });
});
