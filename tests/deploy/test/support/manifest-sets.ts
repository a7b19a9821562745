import { loadBase, renderKustomize, type Manifests } from './k8s.js';

export interface ManifestSet {
  manifests: Manifests;
  /** Replicas every app Deployment asks for. */
  replicas: number;
  /** Tag every agentry/* image ends up with. */
  tag: string;
  /** Production settings (TLS cookies, placeholder secrets) rather than a laptop cluster's. */
  production: boolean;
}

/**
 * The base as plain files (always), and — where kubectl is installed — the base and the dev
 * overlay as kustomize renders them, so patches and image overrides are checked too.
 */
export function manifestSets(): ManifestSet[] {
  const sets: ManifestSet[] = [{ manifests: loadBase(), replicas: 2, tag: 'latest', production: true }];
  const renderedBase = renderKustomize('k8s/base');
  if (renderedBase) sets.push({ manifests: renderedBase, replicas: 2, tag: 'latest', production: true });
  const dev = renderKustomize('k8s/overlays/dev');
  if (dev) sets.push({ manifests: dev, replicas: 1, tag: 'dev', production: false });
  return sets;
}
