import yaml from 'js-yaml';
import type { Env } from './apps.js';
import { readRepoFile } from './repo.js';

/**
 * Compose interpolation as `docker compose` applies it with no `.env` file and no variables set:
 * `${VAR:-default}` / `${VAR-default}` give the default, `$$` is a literal `$`. `${VAR}` or
 * `${VAR:?message}` without a value would make compose fail (or pass an empty string), so they throw:
 * every variable the file reads must have a development default.
 */
export function interpolate(value: string, variables: Env = {}): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced: string | undefined, operator: string | undefined, argument: string | undefined, bare: string | undefined) => {
      if (match === '$$') return '$';
      const name = braced ?? bare!;
      const current = variables[name];
      if (operator === ':-') return current ? current : argument!;
      if (operator === '-') return current !== undefined ? current : argument!;
      if (current !== undefined && (operator === undefined || current !== '')) return current;
      throw new Error(`compose variable ${name} has no default (${match})`);
    });
}

function interpolateDeep(node: unknown, variables: Env): unknown {
  if (typeof node === 'string') return interpolate(node, variables);
  if (Array.isArray(node)) return node.map((item) => interpolateDeep(item, variables));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateDeep(value, variables)]));
  }
  return node;
}

/** docker-compose.yml parsed (anchors and `<<` merges resolved by js-yaml) and interpolated. */
export function loadCompose(variables: Env = {}): any {
  return interpolateDeep(yaml.load(readRepoFile('docker-compose.yml')), variables);
}

/** A service's `environment`, map or list form, as strings (what the container's process.env sees). */
export function composeEnvironment(service: any): Env {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((entry: string) => {
      const index = entry.indexOf('=');
      return index < 0 ? [entry, ''] : [entry.slice(0, index), entry.slice(index + 1)];
    }));
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** The command a compose service runs, as one string. */
export function commandText(command: unknown): string {
  return Array.isArray(command) ? command.join(' ') : String(command ?? '');
}
