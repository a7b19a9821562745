import yaml from 'js-yaml';
import { readdirSync } from 'node:fs';
import { APPS, MIGRATED_APPS, healthPortOf, validatedConfig } from './support/apps.js';
import { containerEnvironment, find, findAll, quantity, resolvePort, splitImage } from './support/k8s.js';
import { manifestSets } from './support/manifest-sets.js';
import { readRepoFile, repoFileExists, repoPath } from './support/repo.js';

const sets = manifestSets();

describe('k8s/base/kustomization.yaml', () => {
  const kustomization = yaml.load(readRepoFile('k8s', 'base', 'kustomization.yaml')) as any;

  it('lists every manifest in k8s/base, and only existing ones', () => {
    const files = readdirSync(repoPath('k8s', 'base')).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    expect(kustomization.namespace).toBe('agentry');
  });

  it('has an images entry for every app and for the migration image', () => {
    const names = (kustomization.images as any[]).map((image) => image.name);
    expect(names.sort()).toEqual([...APPS.map((app) => `agentry/${app}`), 'agentry/migrate'].sort());
  });

  it('has a dev overlay built on the base', () => {
    expect(repoFileExists('k8s', 'overlays', 'dev', 'kustomization.yaml')).toBe(true);
    const overlay = yaml.load(readRepoFile('k8s', 'overlays', 'dev', 'kustomization.yaml')) as any;
    expect(overlay.resources).toContain('../../base');
  });
});

function expectRestrictedSecurity(podSpec: any, container: any) {
  const pod = podSpec.securityContext ?? {};
  const own = container.securityContext ?? {};
  expect(own.runAsNonRoot ?? pod.runAsNonRoot).toBe(true);
  expect(own.runAsUser ?? pod.runAsUser).toBe(10001);
  expect(own.readOnlyRootFilesystem).toBe(true);
  expect(own.allowPrivilegeEscalation).toBe(false);
  expect(own.capabilities?.drop).toContain('ALL');
  expect((own.seccompProfile ?? pod.seccompProfile)?.type).toBe('RuntimeDefault');
  expect(podSpec.automountServiceAccountToken).toBe(false);
}

function expectResources(container: any) {
  const { requests, limits } = container.resources ?? {};
  for (const resource of ['cpu', 'memory']) {
    expect(requests?.[resource]).toBeDefined();
    expect(limits?.[resource]).toBeDefined();
    expect(quantity(requests[resource])).toBeLessThanOrEqual(quantity(limits[resource]));
  }
}

describe.each(sets.map((set) => [set.manifests.source, set] as const))('%s', (_source, set) => {
  const { manifests } = set;

  it('has the Namespace, the ConfigMap and the Secret', () => {
    const namespace = find(manifests, 'Namespace', 'agentry');
    expect(namespace).toBeDefined();
    expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(find(manifests, 'ConfigMap', 'agentry-config')).toBeDefined();
    const secret = find(manifests, 'Secret', 'agentry-secrets');
    expect(secret).toBeDefined();
    expect(secret.stringData).toBeDefined();
  });

  if (set.production) {
    it('ships only REPLACE_ME placeholders in the Secret', () => {
      const secret = find(set.asShipped, 'Secret', 'agentry-secrets');
      expect(secret.data).toBeUndefined();
      for (const [key, value] of Object.entries<string>(secret.stringData)) {
        const text = key.endsWith('_KEYS') ? Buffer.from(value, 'base64').toString('utf8') : value;
        expect(`${key}=${text}`).toMatch(/REPLACE_ME/);
      }
    });

    it('runs as production, so an app whose Secret still holds a placeholder refuses to start, naming it', () => {
      for (const app of APPS) {
        const container = find(set.asShipped, 'Deployment', app).spec.template.spec.containers.find((c: any) => c.name === app);
        const env = containerEnvironment(set.asShipped, container);
        expect({ app, AGENTRY_ENV: env.AGENTRY_ENV }).toEqual({ app, AGENTRY_ENV: 'production' });
        const secrets = Object.keys(env).filter((name) => /(_SECRET|_KEYS)$/.test(name));
        if (secrets.length === 0) continue; // the runner holds no secret
        expect(() => validatedConfig(app, env)).toThrow(new RegExp(`${secrets[0]} is still a placeholder`));
      }
    });
  }

  describe.each(APPS)('%s', (app) => {
    const deployment = find(manifests, 'Deployment', app);
    const podSpec = deployment?.spec?.template?.spec;
    const container = podSpec?.containers?.find((c: any) => c.name === app);

    it(`is a Deployment of agentry/${app} with ${set.replicas} replica(s)`, () => {
      expect(deployment).toBeDefined();
      expect(podSpec.containers).toHaveLength(1);
      expect(container).toBeDefined();
      expect(splitImage(container.image)).toEqual({ name: `agentry/${app}`, tag: set.tag });
      expect(deployment.spec.replicas).toBe(set.replicas);
      expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': app });
      expect(deployment.spec.template.metadata.labels['app.kubernetes.io/name']).toBe(app);
    });

    it('probes /healthz (liveness) and /readyz (readiness) on the port its config serves them on', () => {
      const port = healthPortOf(app, validatedConfig(app, containerEnvironment(manifests, container)));
      expect(port).toBeGreaterThan(0);
      expect(container.livenessProbe.httpGet.path).toBe('/healthz');
      expect(resolvePort(container, container.livenessProbe.httpGet.port)).toBe(port);
      expect(container.readinessProbe.httpGet.path).toBe('/readyz');
      expect(resolvePort(container, container.readinessProbe.httpGet.port)).toBe(port);
      if (container.startupProbe) expect(resolvePort(container, container.startupProbe.httpGet.port)).toBe(port);
      expect(container.ports.map((p: any) => Number(p.containerPort))).toContain(port);
    });

    it('has Prometheus scrape annotations for /metrics on that port', () => {
      const port = healthPortOf(app, validatedConfig(app, containerEnvironment(manifests, container)));
      expect(deployment.spec.template.metadata.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
        'prometheus.io/path': '/metrics',
      });
    });

    it('runs non-root with a read-only root filesystem, no privilege escalation and no capabilities', () => {
      expectRestrictedSecurity(podSpec, container);
    });

    it('has CPU and memory requests and limits', () => {
      expectResources(container);
    });

    it(app === 'gateway' ? 'has a Service on port 80 to the HTTP port' : 'has a Service exposing the health/metrics port as `metrics`', () => {
      const service = find(manifests, 'Service', app);
      expect(service).toBeDefined();
      expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': app });
      const port = healthPortOf(app, validatedConfig(app, containerEnvironment(manifests, container)));
      const servicePort = app === 'gateway' ? service.spec.ports.find((p: any) => p.port === 80) : service.spec.ports.find((p: any) => p.name === 'metrics');
      expect(servicePort).toBeDefined();
      expect(resolvePort(container, servicePort.targetPort ?? servicePort.port)).toBe(port);
      if (app !== 'gateway') expect(servicePort.port).toBe(port);
    });

    it('has a PodDisruptionBudget', () => {
      const budgets = findAll(manifests, 'PodDisruptionBudget').filter((pdb) => pdb.spec.selector.matchLabels['app.kubernetes.io/name'] === app);
      expect(budgets).toHaveLength(1);
    });
  });

  it('has a migration Job running every app’s migrate.js from the migrate image', () => {
    const jobs = findAll(manifests, 'Job');
    expect(jobs).toHaveLength(1);
    const podSpec = jobs[0].spec.template.spec;
    expect(['Never', 'OnFailure']).toContain(podSpec.restartPolicy);
    const containers = [...(podSpec.initContainers ?? []), ...podSpec.containers];
    const commands = containers.map((c: any) => [...(c.command ?? []), ...(c.args ?? [])].join(' ')).join(' && ');
    const positions = MIGRATED_APPS.map((app) => commands.indexOf(`node apps/${app}/dist/migrate.js`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const container of containers) {
      expect(splitImage(container.image)).toEqual({ name: 'agentry/migrate', tag: set.tag });
      expectRestrictedSecurity(podSpec, container);
      expectResources(container);
    }
  });
});
