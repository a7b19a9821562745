import { randomBytes } from 'node:crypto';
import { loadBase, renderKustomize, type Manifests } from './k8s.js';

export interface ManifestSet {
  /** As an operator applies them: the base's REPLACE_ME placeholders filled with generated secrets. */
  manifests: Manifests;
  /** Exactly as committed (placeholders included). */
  asShipped: Manifests;
  /** Replicas every app Deployment asks for. */
  replicas: number;
  /** Tag every agentry/* image ends up with. */
  tag: string;
  /** Production settings (TLS cookies, placeholder secrets) rather than a laptop cluster's. */
  production: boolean;
}

/** What secret.yaml's instructions produce: `openssl rand -base64 32` for key rings, hex otherwise. */
function generatedFor(placeholder: string): string {
  if (/^[A-Za-z0-9+/]{43}=$/.test(placeholder)) return randomBytes(32).toString('base64');
  return placeholder.replace(/REPLACE_ME[\w-]*/g, () => randomBytes(32).toString('hex'));
}

function isPlaceholder(value: string): boolean {
  return /REPLACE_ME/.test(value) || /REPLACE_ME/.test(Buffer.from(value, 'base64').toString('latin1'));
}

/** The manifests with every placeholder of every Secret replaced, as docs/deployment.md asks. */
export function withOperatorSecrets(manifests: Manifests): Manifests {
  const docs = manifests.docs.map((doc) => {
    if (doc?.kind !== 'Secret' || !doc.stringData) return doc;
    const stringData = Object.fromEntries(Object.entries(doc.stringData as Record<string, string>)
      .map(([key, value]) => [key, isPlaceholder(String(value)) ? generatedFor(String(value)) : value]));
    return { ...doc, stringData };
  });
  return { source: manifests.source, docs };
}

/**
 * The base as plain files (always), and — where kubectl is installed — the base and the dev
 * overlay as kustomize renders them, so patches and image overrides are checked too.
 */
export function manifestSets(): ManifestSet[] {
  const production = (asShipped: Manifests): ManifestSet => ({ manifests: withOperatorSecrets(asShipped), asShipped, replicas: 2, tag: 'latest', production: true });
  const sets: ManifestSet[] = [production(loadBase())];
  const renderedBase = renderKustomize('k8s/base');
  if (renderedBase) sets.push(production(renderedBase));
  const dev = renderKustomize('k8s/overlays/dev');
  if (dev) sets.push({ manifests: dev, asShipped: dev, replicas: 1, tag: 'dev', production: false });
  return sets;
}
