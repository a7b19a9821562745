import { auditService } from '@agentry/audit';
import { startGateway, type RunningGateway } from '@agentry/gateway';
import { identityService } from '@agentry/identity';
import { startService, type RunningService, type ServiceDefinition, type BaseServiceConfig } from '@agentry/messaging';
import { runnerService } from '@agentry/runner';
import { runsService } from '@agentry/runs';
import { tenancyService } from '@agentry/tenancy';
import { createTestDatabase, deleteTestStreams, serviceTestEnv, testNamespace, type TestDatabase } from '@agentry/testing';
import { webhooksService } from '@agentry/webhooks';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const DEFINITIONS: Record<string, ServiceDefinition<any>> = {
  identity: identityService, tenancy: tenancyService, runs: runsService, runner: runnerService, audit: auditService, webhooks: webhooksService,
};
export type ServiceName = keyof typeof DEFINITIONS;

/**
 * The whole platform in this process, as `pnpm dev` runs it: every service and the gateway,
 * against a fresh database and a NATS namespace of its own.
 */
export class TestPlatform {
  readonly services = new Map<string, RunningService<BaseServiceConfig>>();
  gateway!: RunningGateway;

  private constructor(readonly db: TestDatabase, readonly namespace: string, readonly env: Record<string, string>) {}

  static async start(extraEnv: Record<string, string> = {}): Promise<TestPlatform> {
    const db = await createTestDatabase('e2e');
    const namespace = testNamespace();
    const env = serviceTestEnv(db, namespace, {
      WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', RUNNER_ALLOW_PRIVATE_URLS: 'true', WEBHOOKS_RETRY_BASE_MS: '200', ...extraEnv,
    });
    const platform = new TestPlatform(db, namespace, env);
    try {
      for (const name of Object.keys(DEFINITIONS)) await platform.startService(name);
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
    const definition = DEFINITIONS[name];
    if (!definition) throw new Error(`unknown service ${name}`);
    this.services.set(name, await startService(definition, this.env));
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
