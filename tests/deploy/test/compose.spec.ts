import { APPS, MIGRATED_APPS, healthPortOf, validatedConfig } from './support/apps.js';
import { commandText, composeEnvironment, interpolate, loadCompose } from './support/compose.js';

const compose = loadCompose();
const services: Record<string, any> = compose.services;

function healthcheckUrl(service: any): URL {
  const test = commandText(service.healthcheck?.test);
  const match = /https?:\/\/[^\s'"]+/.exec(test);
  if (!match) throw new Error(`no URL in healthcheck ${test}`);
  return new URL(match[0]);
}

describe('docker-compose.yml', () => {
  it('interpolates like compose: defaults, $$ escapes, and no variable without a default', () => {
    expect(interpolate('a ${X:-dev} $${Y} ${Z-}')).toBe('a dev ${Y} ');
    expect(interpolate('${X:-dev}', { X: 'set' })).toBe('set');
    expect(() => interpolate('${NO_DEFAULT}')).toThrow(/no default/);
  });

  it('runs PostgreSQL 18, NATS with JetStream and Redis, each with a healthcheck', () => {
    expect(services.postgres.image).toBe('postgres:18');
    expect(commandText(services.postgres.healthcheck.test)).toMatch(/pg_isready/);

    expect(services.nats.image).toMatch(/^nats:\d/);
    const natsCommand = commandText(services.nats.command);
    expect(natsCommand).toMatch(/(^|\s)(-js|--jetstream)(\s|$)/);
    const monitoringPort = /(?:-m|--http_port)\s+(\d+)/.exec(natsCommand)?.[1];
    expect(monitoringPort).toBeDefined();
    const natsHealth = healthcheckUrl(services.nats);
    expect(natsHealth.port).toBe(monitoringPort);
    expect(natsHealth.pathname).toBe('/healthz');

    expect(services.redis.image).toMatch(/^redis:\d/);
    expect(commandText(services.redis.healthcheck.test)).toMatch(/redis-cli ping/);
  });

  it('has a one-shot migrate service running every app’s migrate.js in order once PostgreSQL is healthy', () => {
    const migrate = services.migrate;
    expect(migrate.build).toMatchObject({ context: '.', dockerfile: 'deploy/Dockerfile', target: 'migrate' });
    expect(migrate.image).toMatch(/^agentry\/migrate:/);
    expect(migrate.depends_on.postgres.condition).toBe('service_healthy');
    expect(migrate.restart ?? 'no').toBe('no');
    const command = commandText(migrate.command);
    const positions = MIGRATED_APPS.map((app) => command.indexOf(`node apps/${app}/dist/migrate.js`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(command).not.toMatch(/;/); // `&&`: the first failure stops the chain and fails the service
  });

  describe.each(APPS)('%s', (app) => {
    const service = services[app];

    it('is built from deploy/Dockerfile with its APP build arg and tagged agentry/<app>', () => {
      expect(service).toBeDefined();
      expect(service.build).toMatchObject({ context: '.', dockerfile: 'deploy/Dockerfile', args: { APP: app } });
      expect(service.build.target).toBeUndefined();
      expect(service.image).toMatch(new RegExp(`^agentry/${app}:[\\w.-]+$`));
    });

    it('waits for the migration to complete and for NATS and PostgreSQL to be healthy', () => {
      expect(service.depends_on.migrate.condition).toBe('service_completed_successfully');
      expect(service.depends_on.nats.condition).toBe('service_healthy');
      expect(service.depends_on.postgres.condition).toBe('service_healthy');
      if (app === 'gateway') expect(service.depends_on.redis.condition).toBe('service_healthy');
    });

    it('has a healthcheck on /healthz at the port its config serves it on', () => {
      const config = validatedConfig(app, composeEnvironment(service));
      const url = healthcheckUrl(service);
      expect(url.pathname).toBe('/healthz');
      expect(['127.0.0.1', 'localhost']).toContain(url.hostname);
      expect(Number(url.port)).toBe(healthPortOf(app, config));
      expect(service.restart).toBe('unless-stopped');
    });
  });

  it('publishes the gateway on 3000, onto the port the gateway listens on', () => {
    const config = validatedConfig('gateway', composeEnvironment(services.gateway));
    expect(services.gateway.ports).toEqual([`3000:${config.PORT}`]);
    for (const app of APPS.filter((name) => name !== 'gateway')) expect(services[app].ports).toBeUndefined();
  });
});
