import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

/** The repository root (tests/deploy/test/support → four levels up). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

export function repoPath(...segments: string[]): string {
  return join(REPO_ROOT, ...segments);
}

export function readRepoFile(...segments: string[]): string {
  return readFileSync(repoPath(...segments), 'utf8');
}

export function repoFileExists(...segments: string[]): boolean {
  return existsSync(repoPath(...segments));
}

/** Every document of a YAML file (`---`-separated), empty documents dropped. */
export function loadYamlDocuments(text: string): any[] {
  return yaml.loadAll(text).filter((doc) => doc !== null && doc !== undefined);
}
