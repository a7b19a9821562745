import { createServiceDataSource, migrate } from '@agentry/persistence';
import { JsonLogger, loadConfig, startHealthServer, type HealthServer } from '@agentry/observability';
import { Global, Module, type DynamicModule, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DataSource, type MixedList } from 'typeorm';
import { ensureStreams } from '../jetstream/streams.js';
import { Namespace } from '../namespace.js';
import { connectNats } from '../nats.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { OutboxWriter } from '../outbox/outbox-writer.js';
import { NamespacedNatsServer } from '../rpc/namespaced-nats.server.js';
import { AppErrorRpcFilter } from '../rpc/rpc-exception.filter.js';
import { RpcClient } from '../rpc/rpc-client.js';
import type { BaseServiceConfig } from './base-service.config.js';
import { NATS_CONNECTION, SERVICE_CONFIG } from './tokens.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Class<T> = new (...args: any[]) => T;

export interface ServiceDefinition<C extends BaseServiceConfig> {
  /** Queue group, log name and (by default) schema name. */
  name: string;
  /** The service's own schema; omit for stateless services (the runner). */
  schema?: string;
  module: Type;
  configClass: Class<C>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function>;
}

export interface RunningService<C extends BaseServiceConfig = BaseServiceConfig> {
  name: string;
  config: C;
  app: INestMicroservice;
  health: HealthServer;
  nc: NatsConnection;
  dataSource?: DataSource;
  close(): Promise<void>;
}

/**
 * Starts one service: validated config, its DataSource and migrations, a NATS connection, the
 * JetStream streams, its outbox relay, Nest's NATS transport in the service's queue group, and
 * the health/metrics port. Used by `main.ts` and by tests, so both run the same code.
 */
export async function startService<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  env: Record<string, string | undefined>,
): Promise<RunningService<C>> {
  const config = loadConfig(definition.configClass, env);
  const logger = new JsonLogger(definition.name, config.LOG_LEVEL);
  const namespace = new Namespace(config.NATS_NAMESPACE);

  let dataSource: DataSource | undefined;
  if (definition.schema) {
    dataSource = createServiceDataSource({
      url: config.DATABASE_URL, schema: definition.schema, entities: definition.entities,
      migrations: definition.migrations, poolSize: config.DB_POOL_SIZE,
    });
    await dataSource.initialize();
    if (config.MIGRATE_ON_START) await migrate(dataSource, definition.schema);
  }

  const nc = await connectNats(config.NATS_URL, definition.name);
  await ensureStreams(nc, namespace, config.JETSTREAM_REPLICAS);
  const js = jetstream(nc);
  const relay = dataSource && definition.schema ? new OutboxRelay(dataSource, js, namespace, definition.schema) : undefined;
  const outbox = definition.schema ? new OutboxWriter(definition.schema, () => relay?.nudge()) : undefined;
  const rpc = new RpcClient(nc, namespace, config.RPC_TIMEOUT_MS);

  @Global()
  @Module({})
  class InfrastructureModule {}
  const infrastructure: DynamicModule = {
    module: InfrastructureModule,
    providers: [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: definition.configClass, useValue: config },
      { provide: NATS_CONNECTION, useValue: nc },
      { provide: Namespace, useValue: namespace },
      { provide: RpcClient, useValue: rpc },
      ...(dataSource ? [{ provide: DataSource, useValue: dataSource }] : []),
      ...(outbox ? [{ provide: OutboxWriter, useValue: outbox }] : []),
    ],
    exports: [SERVICE_CONFIG, definition.configClass, NATS_CONNECTION, Namespace, RpcClient, ...(dataSource ? [DataSource] : []), ...(outbox ? [OutboxWriter] : [])],
  };

  @Module({ imports: [infrastructure, definition.module] })
  class ServiceRootModule {}

  const app = await NestFactory.createMicroservice(ServiceRootModule, {
    strategy: new NamespacedNatsServer(nc, namespace, definition.name),
    logger,
    bufferLogs: false,
  });
  app.useGlobalFilters(new AppErrorRpcFilter());
  await app.listen();
  // Round-trip to the server so every handler's subscription is registered before we report ready.
  await nc.flush();
  relay?.start();

  const health = await startHealthServer({
    service: definition.name,
    port: config.HEALTH_PORT,
    host: config.HEALTH_HOST,
    checks: {
      ...(dataSource ? { postgres: async () => void (await dataSource!.query('SELECT 1')) } : {}),
      nats: async () => void (await nc.flush()),
    },
  });
  logger.log(`${definition.name} ready (health on :${health.port})`);

  let closed = false;
  return {
    name: definition.name, config, app, health, nc, dataSource,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await relay?.stop();
      await health.close();
      await nc.drain().catch(() => undefined);
      await dataSource?.destroy();
    },
  };
}

/** Runs a service's migrations and exits (the Kubernetes migration Job and `pnpm migrate`). */
export async function migrateService<C extends BaseServiceConfig>(definition: ServiceDefinition<C>, env: Record<string, string | undefined>): Promise<number> {
  if (!definition.schema) return 0;
  const config = loadConfig(definition.configClass, env);
  const dataSource = createServiceDataSource({ url: config.DATABASE_URL, schema: definition.schema, entities: definition.entities, migrations: definition.migrations });
  try {
    return await migrate(dataSource, definition.schema);
  } finally {
    await dataSource.destroy();
  }
}
