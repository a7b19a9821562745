import { startGateway, type RunningGateway } from '@agentry/gateway';
import { startService, type BaseServiceConfig, type RunningService, type ServiceDefinition } from '@agentry/messaging';
import { createTestDatabase, deleteTestStreams, serviceTestEnv, testNamespace, type TestDatabase } from '@agentry/testing';

export const ALL_SERVICES = ['identity', 'tenancy', 'runs', 'runner', 'audit', 'webhooks'] as const;
export type ServiceName = (typeof ALL_SERVICES)[number];

 
type AnyDefinition = ServiceDefinition<any>;

/** Loaded on demand, so a test that needs only some services does not load the others. */
async function definition(name: ServiceName): Promise<AnyDefinition> {
  switch (name) {
    case 'identity': return (await import('@agentry/identity')).identityService;
    case 'tenancy': return (await import('@agentry/tenancy')).tenancyService;
    case 'runs': return (await import('@agentry/runs')).runsService;
    case 'runner': return (await import('@agentry/runner')).runnerService;
    case 'audit': return (await import('@agentry/audit')).auditService;
    case 'webhooks': return (await import('@agentry/webhooks')).webhooksService;
  }
}

/**
 * The whole platform in this process, as `pnpm dev` runs it: every service and the gateway,
 * against a fresh database and a NATS namespace of its own.
 */
export class TestPlatform {
  readonly services = new Map<ServiceName, RunningService<BaseServiceConfig>>();
  gateway!: RunningGateway;

  private constructor(readonly db: TestDatabase, readonly namespace: string, readonly env: Record<string, string>) {}

  static async start(options: { services?: readonly ServiceName[]; env?: Record<string, string> } = {}): Promise<TestPlatform> {
    const db = await createTestDatabase('e2e');
    const namespace = testNamespace();
    const env = serviceTestEnv(db, namespace, {
      WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', RUNNER_ALLOW_PRIVATE_URLS: 'true', WEBHOOKS_RETRY_BASE_MS: '200', ...options.env,
    });
    const platform = new TestPlatform(db, namespace, env);
    try {
      for (const name of options.services ?? ALL_SERVICES) await platform.startService(name);
      platform.gateway = await startGateway({ ...env, PORT: '0', HOST: '127.0.0.1' });
    } catch (error) {
      await platform.close();
      throw error;
    }
    return platform;
  }

  get url(): string {
    return this.gateway.url;
  }

  async startService(name: ServiceName): Promise<void> {
    this.services.set(name, await startService(await definition(name), this.env));
  }

  async stopService(name: ServiceName): Promise<void> {
    await this.services.get(name)?.close();
    this.services.delete(name);
  }

  async close(): Promise<void> {
    await this.gateway?.close().catch(() => undefined);
    for (const name of [...this.services.keys()].reverse()) await this.stopService(name).catch(() => undefined);
    await deleteTestStreams(this.namespace).catch(() => undefined);
    await this.db.drop().catch(() => undefined);
  }
}
