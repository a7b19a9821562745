import { createServer, type Server } from 'node:http';
import { Registry, collectDefaultMetrics } from 'prom-client';

export type ReadinessCheck = () => Promise<void>;

export interface HealthServer {
  registry: Registry;
  port: number;
  close(): Promise<void>;
}

/**
 * The small operations port every service exposes: `/healthz` (the process lives),
 * `/readyz` (every dependency answers) and `/metrics` (Prometheus text format).
 */
export async function startHealthServer(options: {
  service: string;
  port: number;
  host?: string;
  checks: Record<string, ReadinessCheck>;
  registry?: Registry;
}): Promise<HealthServer> {
  const registry = options.registry ?? new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (!options.registry) collectDefaultMetrics({ register: registry });

  const server: Server = createServer((req, res) => {
    const send = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (req.url === '/healthz') return send(200, JSON.stringify({ status: 'ok', service: options.service }));
    if (req.url === '/readyz') {
      void readiness(options.checks).then((result) => send(result.ready ? 200 : 503, JSON.stringify(result)));
      return;
    }
    if (req.url === '/metrics') {
      void registry.metrics().then((text) => send(200, text, registry.contentType));
      return;
    }
    send(404, JSON.stringify({ status: 404, code: 'not_found' }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    registry,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readiness(checks: Record<string, ReadinessCheck>) {
  const results: Record<string, string> = {};
  let ready = true;
  await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), 2000);
        results[name] = 'ok';
      } catch (error) {
        ready = false;
        results[name] = (error as Error).message || 'failed';
      }
    }),
  );
  return { ready, checks: results };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}
