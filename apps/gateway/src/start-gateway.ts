import { Errors, newId } from '@agentry/contracts';
import { connectNats, ensureStreams, Namespace, NATS_CONNECTION, OutboxRelay, OutboxWriter, RpcClient } from '@agentry/messaging';
import { JsonLogger, loadConfig } from '@agentry/observability';
import { createServiceDataSource, migrate } from '@agentry/persistence';
import fastifyCookie from '@fastify/cookie';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { GatewayConfig } from './config/gateway.config.js';
import { routeOf, type GatewayRequest } from './core/gateway-request.js';
import { Services } from './core/services.client.js';
import { gatewayMigrations } from './database/migrations/index.js';
import { answerClientError } from './edge/client-errors.js';
import { registerJsonBodyParser } from './edge/json-body.js';
import { SupportAccessRecorder } from './edge/support-access-recorder.js';
import { renderProblem } from './edge/problem.js';
import { GatewayModule } from './gateway.module.js';
import { IdempotencyStore } from './idempotency/idempotency.store.js';
import { GatewayMetrics } from './observability/gateway-metrics.js';
import { setupOpenApi } from './openapi/setup-openapi.js';
import { MemoryRateLimiter } from './rate-limit/memory-rate-limiter.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter.js';

export interface RunningGateway {
  app: NestFastifyApplication;
  url: string;
  config: GatewayConfig;
  close(): Promise<void>;
}

/** Starts the HTTP edge. Used by main.ts and by e2e tests, so both run the same code. */
export async function startGateway(env: Record<string, string | undefined>): Promise<RunningGateway> {
  const config = loadConfig(GatewayConfig, env);
  const logger = new JsonLogger('gateway', config.LOG_LEVEL);
  const namespace = new Namespace(config.NATS_NAMESPACE);

  const dataSource = createServiceDataSource({ url: config.DATABASE_URL, schema: 'gateway', migrations: gatewayMigrations, poolSize: config.DB_POOL_SIZE });
  await dataSource.initialize();
  if (config.MIGRATE_ON_START) await migrate(dataSource, 'gateway');

  const nc: NatsConnection = await connectNats(config.NATS_URL, 'gateway');
  await ensureStreams(nc, namespace, config.JETSTREAM_REPLICAS);
  const relay = new OutboxRelay(dataSource, jetstream(nc), namespace, 'gateway');
  const outbox = new OutboxWriter('gateway', () => relay.nudge());
  const rpc = new RpcClient(nc, namespace, config.RPC_TIMEOUT_MS);
  const limiter: RateLimiter = config.REDIS_URL ? new RedisRateLimiter(config.REDIS_URL, namespace.value ? `${namespace.value}:` : '') : new MemoryRateLimiter();

  @Global()
  @Module({})
  class GatewayInfrastructure {}
  const infrastructure: DynamicModule = {
    module: GatewayInfrastructure,
    providers: [
      { provide: GatewayConfig, useValue: config },
      { provide: DataSource, useValue: dataSource },
      { provide: NATS_CONNECTION, useValue: nc },
      { provide: Namespace, useValue: namespace },
      { provide: RpcClient, useValue: rpc },
      { provide: OutboxWriter, useValue: outbox },
      { provide: RateLimiter, useValue: limiter },
      GatewayMetrics,
      Services,
    ],
    exports: [GatewayConfig, DataSource, NATS_CONNECTION, Namespace, RpcClient, OutboxWriter, RateLimiter, GatewayMetrics, Services],
  };
  @Module({ imports: [infrastructure, GatewayModule] })
  class GatewayRoot {}

  const trustedProxies = config.TRUSTED_PROXIES.split(',').map((s) => s.trim()).filter(Boolean);
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: trustedProxies.length > 0 ? trustedProxies : false,
    genReqId: () => newId('req'),
    logger: false,
    return503OnClosing: true,
    clientErrorHandler: answerClientError,
    // The router refuses a malformed URL or an over-long path parameter before any hook runs:
    // either way the path names nothing, so it is a 404 problem like any unknown or malformed id.
    frameworkErrors: (_error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const requestId = String(request.id);
      const problem = renderProblem(Errors.notFound('resource'), requestId);
      void reply.status(404).header('Content-Type', 'application/problem+json').header('Request-Id', requestId).send(JSON.stringify(problem));
    },
  });
  // Nest's own body parsers (JSON and urlencoded) are left out: see registerJsonBodyParser.
  const app = await NestFactory.create<NestFastifyApplication>(GatewayRoot, adapter, { logger, bufferLogs: false, bodyParser: false });
  registerJsonBodyParser(app.getHttpAdapter().getInstance());
  await app.register(fastifyCookie as never);
  app.setGlobalPrefix('api', { exclude: ['healthz', 'readyz', 'metrics'] });
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(GatewayMetrics);
  fastify.addHook('onRequest', (request, reply, done) => {
    (request as GatewayRequest).edge = { requestId: String(request.id) };
    reply.header('Request-Id', request.id);
    done();
  });
  const supportAccess = app.get(SupportAccessRecorder);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.requestDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    const ctx = (request as GatewayRequest).edge?.ctx;
    if (ctx?.impersonator) supportAccess.record(ctx, request.method, routeOf(request), reply.statusCode);
    done();
  });

  setupOpenApi(app);
  await app.listen(config.PORT, config.HOST);
  relay.start();

  const store = app.get(IdempotencyStore);
  const purge = setInterval(() => void store.purgeExpired().catch(() => undefined), 3_600_000);
  purge.unref();

  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logger.log(`gateway listening on ${url}/api`);

  let closed = false;
  return {
    app, url, config,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(purge);
      await app.close();
      await relay.stop();
      await nc.drain().catch(() => undefined);
      await dataSource.destroy();
    },
  };
}
