import yaml from 'js-yaml';
import { execFileSync } from 'node:child_process';
import type { Env } from './apps.js';
import { loadYamlDocuments, readRepoFile, repoPath } from './repo.js';

export interface Manifests {
  /** Where they came from, for messages. */
  source: string;
  docs: any[];
}

/** The resources k8s/base/kustomization.yaml lists, read as plain files (no kustomize needed). */
export function loadBase(): Manifests {
  const kustomization = yaml.load(readRepoFile('k8s', 'base', 'kustomization.yaml')) as any;
  const docs = (kustomization.resources as string[]).flatMap((file) => loadYamlDocuments(readRepoFile('k8s', 'base', file)));
  return { source: 'k8s/base (files)', docs };
}

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `kubectl kustomize <dir>` output, or undefined where kubectl is not installed. */
export function renderKustomize(dir: string): Manifests | undefined {
  if (!kubectlAvailable()) return undefined;
  const output = execFileSync('kubectl', ['kustomize', repoPath(dir)], { encoding: 'utf8' });
  return { source: `kubectl kustomize ${dir}`, docs: loadYamlDocuments(output) };
}

export function find(manifests: Manifests, kind: string, name: string): any {
  return manifests.docs.find((doc) => doc.kind === kind && doc.metadata?.name === name);
}

export function findAll(manifests: Manifests, kind: string): any[] {
  return manifests.docs.filter((doc) => doc.kind === kind);
}

function configMapData(manifests: Manifests, name: string): Env {
  const configMap = find(manifests, 'ConfigMap', name);
  if (!configMap) throw new Error(`ConfigMap ${name} is not in ${manifests.source}`);
  return Object.fromEntries(Object.entries(configMap.data ?? {}).map(([key, value]) => [key, String(value)]));
}

function secretData(manifests: Manifests, name: string): Env {
  const secret = find(manifests, 'Secret', name);
  if (!secret) throw new Error(`Secret ${name} is not in ${manifests.source}`);
  const fromData = Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(String(value), 'base64').toString('utf8')]);
  const fromStringData = Object.entries(secret.stringData ?? {}).map(([key, value]) => [key, String(value)]);
  return Object.fromEntries([...fromData, ...fromStringData]);
}

/**
 * The environment a container starts with, as the kubelet builds it: `envFrom` sources first
 * (configMapRef / secretRef, with their prefix), then `env` entries (value, configMapKeyRef,
 * secretKeyRef) overriding them. A reference to a missing ConfigMap, Secret or key throws, as the
 * pod would fail to start.
 */
export function containerEnvironment(manifests: Manifests, container: any): Env {
  const env: Env = {};
  for (const source of container.envFrom ?? []) {
    const prefix: string = source.prefix ?? '';
    const data = source.configMapRef ? configMapData(manifests, source.configMapRef.name)
      : source.secretRef ? secretData(manifests, source.secretRef.name)
      : undefined;
    if (!data) throw new Error(`unsupported envFrom source ${JSON.stringify(source)}`);
    for (const [key, value] of Object.entries(data)) env[prefix + key] = value;
  }
  for (const entry of container.env ?? []) {
    if ('value' in entry) {
      env[entry.name] = String(entry.value ?? '');
      continue;
    }
    const ref = entry.valueFrom?.configMapKeyRef ?? entry.valueFrom?.secretKeyRef;
    if (!ref) throw new Error(`env ${entry.name}: unsupported valueFrom ${JSON.stringify(entry.valueFrom)}`);
    const data = entry.valueFrom.configMapKeyRef ? configMapData(manifests, ref.name) : secretData(manifests, ref.name);
    if (!(ref.key in data)) {
      if (ref.optional) continue;
      throw new Error(`env ${entry.name}: key ${ref.key} is not in ${entry.valueFrom.configMapKeyRef ? 'ConfigMap' : 'Secret'} ${ref.name}`);
    }
    env[entry.name] = data[ref.key]!;
  }
  return env;
}

/** A probe's or Service's port (number or container port name) as a number. */
export function resolvePort(container: any, port: number | string): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const named = (container.ports ?? []).find((p: any) => p.name === port);
  if (!named) throw new Error(`container ${container.name} has no port named ${port}`);
  return Number(named.containerPort);
}

/** "agentry/gateway:1.2.3" → { name: "agentry/gateway", tag: "1.2.3" } (registry ports handled). */
export function splitImage(image: string): { name: string; tag: string | undefined } {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > withoutDigest.lastIndexOf('/')) return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
  return { name: withoutDigest, tag: undefined };
}

/** Kubernetes quantities to numbers (cores, bytes) to compare requests with limits. */
export function quantity(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = /^([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(value);
  if (!match) throw new Error(`not a quantity: ${value}`);
  const factors: Record<string, number> = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(match[1]) * (match[2] ? factors[match[2]]! : 1);
}
