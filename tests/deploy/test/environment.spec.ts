/**
 * The important one: the environment compose and Kubernetes give each app must be one its
 * config class accepts (validated with the app's own `loadConfig`), name only properties of that
 * class (a typo would be silently ignored by the app), and set explicitly what production needs.
 */
import {
  APPS, MIGRATED_APPS, allowSwitches, booleanProperties, configProperties, requiredExplicitSettings, secretProperties, validatedConfig,
  type AppName, type Env,
} from './support/apps.js';
import { composeEnvironment, loadCompose } from './support/compose.js';
import { containerEnvironment, find, findAll } from './support/k8s.js';
import { manifestSets } from './support/manifest-sets.js';

function expectOnlyConfigProperties(app: AppName, env: Env) {
  const properties = configProperties(app);
  const unknown = Object.keys(env).filter((name) => !properties.has(name));
  expect({ app, unknown }).toEqual({ app, unknown: [] });
}

function expectExplicitSettings(app: AppName, env: Env) {
  for (const [name, value] of Object.entries(requiredExplicitSettings(app))) {
    expect({ app, name, set: name in env && env[name] !== '' }).toEqual({ app, name, set: true });
    if (value !== null) expect({ app, name, value: env[name] }).toEqual({ app, name, value });
  }
}

/** Properties shared by every migrated app: all a migration may be given. */
function migrationProperties(): Set<string> {
  const [first, ...rest] = MIGRATED_APPS.map((app) => configProperties(app));
  return new Set([...first!].filter((name) => rest.every((set) => set.has(name))));
}

function expectValidMigrationEnv(env: Env) {
  expect(env.DATABASE_URL).toBeTruthy();
  const allowed = migrationProperties();
  expect(Object.keys(env).filter((name) => !allowed.has(name))).toEqual([]);
  for (const app of MIGRATED_APPS) expect(() => validatedConfig(app, env)).not.toThrow();
}

/** A development default must look like one: it says "dev" (base64 keys: once decoded). */
function looksLikeDevDefault(value: string): boolean {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return /dev/i.test(value) || /dev/i.test(decoded);
}

describe('config classes', () => {
  it.each(APPS)('%s exports a config class with the base settings', (app) => {
    const properties = configProperties(app);
    for (const name of ['NATS_URL', 'DATABASE_URL', 'MIGRATE_ON_START', 'LOG_LEVEL']) expect(properties.has(name)).toBe(true);
    expect(properties.has(app === 'gateway' ? 'PORT' : 'HEALTH_PORT')).toBe(true);
  });

  // Deployments write MIGRATE_ON_START: "false" (and overlays may write COOKIE_SECURE: "false"):
  // a boolean setting must read "false" as false, or every replica migrates at start-up.
  it.each(APPS)('%s reads boolean settings as written ("false" is false)', (app) => {
    const readings = booleanProperties(app).flatMap((name) =>
      (['false', 'true'] as const).map((raw) => ({ name, raw, parsed: validatedConfig(app, { [name]: raw })[name] })));
    expect(readings.length).toBeGreaterThan(0);
    expect(readings).toEqual(readings.map((reading) => ({ ...reading, parsed: reading.raw === 'true' })));
  });
});

describe('docker-compose.yml environment', () => {
  const compose = loadCompose();
  const services: Record<string, any> = compose.services;

  describe.each(APPS)('%s', (app) => {
    const env = composeEnvironment(services[app]);

    it('validates against its config class', () => {
      const config = validatedConfig(app, env);
      expect({ MIGRATE_ON_START: env.MIGRATE_ON_START, parsed: config.MIGRATE_ON_START }).toEqual({ MIGRATE_ON_START: 'false', parsed: false });
      for (const name of allowSwitches(app)) expect({ name, value: config[name] }).toEqual({ name, value: false });
    });

    it('names only properties of its config class', () => expectOnlyConfigProperties(app, env));

    it('sets production-relevant settings explicitly', () => expectExplicitSettings(app, env));

    it('uses obvious development defaults for secrets', () => {
      for (const name of secretProperties(app)) expect({ name, dev: looksLikeDevDefault(env[name] ?? '') }).toEqual({ name, dev: true });
    });
  });

  it('points every app at the compose PostgreSQL, NATS and Redis', () => {
    const postgres = composeEnvironment(services.postgres);
    for (const app of APPS) {
      const env = composeEnvironment(services[app]);
      expect(new URL(env.NATS_URL!).host).toBe('nats:4222');
      if (!MIGRATED_APPS.includes(app)) continue;
      const database = new URL(env.DATABASE_URL!);
      expect(database.host).toBe('postgres:5432');
      expect(decodeURIComponent(database.username)).toBe(postgres.POSTGRES_USER);
      expect(decodeURIComponent(database.password)).toBe(postgres.POSTGRES_PASSWORD);
      expect(database.pathname).toBe(`/${postgres.POSTGRES_DB}`);
    }
    expect(new URL(composeEnvironment(services.gateway).REDIS_URL!).host).toBe('redis:6379');
  });

  it('runs as development by default, since its default secrets are development ones that production refuses', () => {
    const env = composeEnvironment(services.identity);
    expect(env.AGENTRY_ENV).toBe('development');
    expect(() => validatedConfig('identity', { ...env, AGENTRY_ENV: 'production' })).toThrow(/CURSOR_SECRET still holds its development default/);
  });

  it('gives the runner, which runs tenant-supplied agents, no database URL and no secret', () => {
    const env = composeEnvironment(services.runner);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(Object.keys(env).filter((name) => /SECRET|KEYS?$|PASSWORD/.test(name))).toEqual([]);
  });

  it('gives the migrate service a database URL every migrated app accepts', () => {
    const env = composeEnvironment(services.migrate);
    expectValidMigrationEnv(env);
    expect(env.DATABASE_URL).toBe(composeEnvironment(services.identity).DATABASE_URL);
  });
});

describe.each(manifestSets().map((set) => [set.manifests.source, set] as const))('Kubernetes environment: %s', (_source, set) => {
  const { manifests } = set;
  const containerOf = (app: AppName) => find(manifests, 'Deployment', app).spec.template.spec.containers.find((c: any) => c.name === app);

  describe.each(APPS)('%s', (app) => {
    const container = containerOf(app);
    const env = containerEnvironment(manifests, container);

    it('resolves against the ConfigMap and Secret and validates against its config class', () => {
      const config = validatedConfig(app, env);
      expect({ MIGRATE_ON_START: env.MIGRATE_ON_START, parsed: config.MIGRATE_ON_START }).toEqual({ MIGRATE_ON_START: 'false', parsed: false });
      for (const name of allowSwitches(app)) expect({ name, value: config[name] }).toEqual({ name, value: false });
    });

    it('names only properties of its config class (ConfigMap keys loaded with envFrom included)', () => expectOnlyConfigProperties(app, env));

    it('sets production-relevant settings explicitly', () => {
      expectExplicitSettings(app, env);
    });

    it('takes every secret from the Secret, never from a literal or the ConfigMap', () => {
      const fromSecret = new Set((container.env ?? []).filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => e.name));
      for (const name of [...secretProperties(app), 'DATABASE_URL', 'REDIS_URL']) {
        if (name in env) expect({ name, fromSecret: fromSecret.has(name) }).toEqual({ name, fromSecret: true });
      }
    });
  });

  if (set.production) {
    it('serves gateway cookies as Secure behind TLS', () => {
      expect(validatedConfig('gateway', containerEnvironment(manifests, containerOf('gateway'))).COOKIE_SECURE).toBe(true);
    });
  }

  it('gives the runner no database URL and no Secret', () => {
    const container = containerOf('runner');
    expect(containerEnvironment(manifests, container).DATABASE_URL).toBeUndefined();
    expect(JSON.stringify(container)).not.toMatch(/secretKeyRef|secretRef/);
  });

  it('gives the migration Job a database URL every migrated app accepts', () => {
    const [job] = findAll(manifests, 'Job');
    const podSpec = job.spec.template.spec;
    for (const container of [...(podSpec.initContainers ?? []), ...podSpec.containers]) {
      expectValidMigrationEnv(containerEnvironment(manifests, container));
    }
  });

  it('uses every key of the Secret', () => {
    const secret = find(manifests, 'Secret', 'agentry-secrets');
    const used = new Set<string>();
    for (const doc of [...findAll(manifests, 'Deployment'), ...findAll(manifests, 'Job')]) {
      const spec = doc.spec.template.spec;
      for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
        for (const entry of container.env ?? []) if (entry.valueFrom?.secretKeyRef?.name === 'agentry-secrets') used.add(entry.valueFrom.secretKeyRef.key);
      }
    }
    expect(Object.keys(secret.stringData).filter((key) => !used.has(key))).toEqual([]);
  });
});
