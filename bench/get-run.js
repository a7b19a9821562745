#!/usr/bin/env node
// `pnpm bench` (after `pnpm build`): an authenticated GET /api/runs/{id} through the platform,
// side by side with (a) a bare Fastify handler doing the same PostgreSQL read and (b) a
// hand-written Fastify → NATS request → PostgreSQL read path, and (b') the same with the platform's
// NATS write batching. Every server runs in its own
// process, as in production; autocannon runs in this one. Prints req/s, p50, p99 and ratios.
//
// Env: BENCH_DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres),
// NATS_URL (default nats://127.0.0.1:4222), BENCH_SECONDS (8), BENCH_CONNECTIONS (50), BENCH_ROUNDS (3),
// BENCH_ONLY=platform (skip the baselines), BENCH_PROFILE=1 (CPU profiles; summarize with bench/profile-summary.js).
import autocannon from 'autocannon';
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const suffix = randomBytes(4).toString('hex');
const dbName = `agentry_bench_${suffix}`;
const namespace = `bench${suffix}`;
const children = [];
const log = (m) => process.stderr.write(`[bench] ${m}\n`);

function dbUrl(name) {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sql) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try { await c.query(sql); } finally { await c.end(); }
}

// BENCH_PROFILE=1 writes CPU profiles of the gateway and runs processes to .data/profiles.
const PROFILED = new Set(process.env.BENCH_PROFILE ? ['gateway', 'runs'] : []);

const pids = {};
/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function startApp(app, env) {
  const flags = PROFILED.has(app) ? ['--cpu-prof', `--cpu-prof-dir=${join(root, '.data', 'profiles')}`, `--cpu-prof-name=${app}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...flags, join(root, 'apps', app, 'dist', 'main.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  pids[app] = child.pid;
  return child;
}

function startBaseline(file, env, label) {
  return new Promise((resolve, reject) => {
    const child = fork(join(root, 'bench', 'baselines', file), { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    pids[label] = child.pid;
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${file} exited ${code}`)));
  });
}

async function waitFor(url, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { if ((await fetch(url)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready`);
}

async function seed(base) {
  const cookies = new Map();
  const call = async (method, path, body, headers = {}) => {
    const h = { ...headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (cookies.has('agentry_csrf')) h['x-csrf-token'] = cookies.get('agentry_csrf');
    const res = await fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) { const [p] = c.split(';'); const i = p.indexOf('='); cookies.set(p.slice(0, i), p.slice(i + 1)); }
    const json = await res.json().catch(() => undefined);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  await call('POST', '/auth/signup', { email: 'bench@agentry.local', password: 'bench-password-1', name: 'Bench' });
  const org = await call('POST', '/orgs', { name: 'Bench' });
  const inOrg = { 'x-org-id': org.id };
  const key = await call('POST', '/api-keys', { name: 'bench', scopes: ['runs:read', 'agents:run'] }, inOrg);
  await call('POST', '/agents', { slug: 'echo', name: 'Echo', executor: { kind: 'builtin', name: 'echo' } }, inOrg);
  const run = await call('POST', '/runs', { agentId: 'echo', input: { hello: 'world', n: 42 } }, inOrg);
  // The org's own request quota must not cap the benchmark.
  await call('PATCH', `/orgs/${org.id}/quotas`, { requestsPerMinute: 1000000 }, inOrg);
  return { key: key.key, runId: run.id, orgId: org.id, applicationId: run.applicationId };
}

function load(url, headers) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, pipelining: 1 }, (err, result) => {
      if (err) return reject(err);
      if (result.non2xx > 0 || result.errors > 0) return reject(new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`));
      resolve({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  for (const app of ['identity', 'tenancy', 'runs', 'runner', 'gateway']) {
    try { await import('node:fs').then((fs) => fs.accessSync(join(root, 'apps', app, 'dist', 'main.js'))); } catch { throw new Error('run "pnpm build" first'); }
  }
  await admin(`CREATE DATABASE "${dbName}"`);
  const DATABASE_URL = dbUrl(dbName);
  const env = { DATABASE_URL, NATS_URL, NATS_NAMESPACE: namespace, LOG_LEVEL: 'error', HEALTH_PORT: '0', HEALTH_HOST: '127.0.0.1' };
  for (const app of ['identity', 'tenancy', 'runs', 'runner']) startApp(app, env);
  await new Promise((r) => setTimeout(r, 3000));
  startApp('gateway', { ...env, PORT: '3901', HOST: '127.0.0.1', PER_KEY_REQUESTS_PER_MINUTE: '100000000' });
  await waitFor('http://127.0.0.1:3901/readyz');
  const { key, runId, orgId, applicationId } = await seed('http://127.0.0.1:3901/api');

  const subject = `${namespace}.bench.get-run`;
  const baseEnv = { DATABASE_URL, NATS_URL, ORG_ID: orgId, APP_ID: applicationId, SUBJECT: subject };
  await startBaseline('fastify-pg.js', { ...baseEnv, PORT: '3902' }, 'a');
  await startBaseline('nats-responder.js', baseEnv, 'b-responder');
  await startBaseline('fastify-nats.js', { ...baseEnv, PORT: '3903' }, 'b-edge');
  await startBaseline('nats-responder.js', { ...baseEnv, SUBJECT: `${subject}-batched`, COALESCE: '1' }, 'b2-responder');
  await startBaseline('fastify-nats.js', { ...baseEnv, SUBJECT: `${subject}-batched`, COALESCE: '1', PORT: '3904' }, 'b2-edge');

  const allTargets = [
    { name: '(a) Fastify + PostgreSQL read', url: `http://127.0.0.1:3902/runs/${runId}`, headers: {}, procs: { edge: 'a' } },
    { name: '(b) Fastify → NATS → PostgreSQL', url: `http://127.0.0.1:3903/runs/${runId}`, headers: {}, procs: { edge: 'b-edge', service: 'b-responder' } },
    { name: "(b') (b) with batched NATS writes", url: `http://127.0.0.1:3904/runs/${runId}`, headers: {}, procs: { edge: 'b2-edge', service: 'b2-responder' } },
    { name: 'Agentry gateway (API key, full edge)', url: `http://127.0.0.1:3901/api/runs/${runId}`, headers: { authorization: `Bearer ${key}` }, procs: { edge: 'gateway', service: 'runs' } },
  ];
  const targets = process.env.BENCH_ONLY === 'platform' ? allTargets.slice(3) : allTargets;
  log(`warming up (${targets.length} targets)`);
  for (const t of targets) await new Promise((res) => autocannon({ url: t.url, headers: t.headers, connections: 10, duration: 2 }, res));
  const results = new Map(targets.map((t) => [t.name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of targets) {
      log(`round ${round}/${ROUNDS}: ${t.name}`);
      const before = Object.fromEntries(Object.entries(t.procs).map(([k, label]) => [k, cpuSeconds(pids[label])]));
      const r = await load(t.url, t.headers);
      const total = r.rps * SECONDS;
      for (const [k, label] of Object.entries(t.procs)) r[`${k}CpuUs`] = ((cpuSeconds(pids[label]) - before[k]) / total) * 1e6;
      results.get(t.name).push(r);
    }
  }
  const summary = targets.map((t) => {
    const rs = results.get(t.name);
    return {
      name: t.name, rps: median(rs.map((r) => r.rps)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)),
      edgeCpuUs: median(rs.map((r) => r.edgeCpuUs)), serviceCpuUs: t.procs.service ? median(rs.map((r) => r.serviceCpuUs)) : undefined,
    };
  });
  const b = summary.length > 1 ? summary[1] : summary[0];
  const platform = summary[summary.length - 1];
  const pad = (s, n) => String(s).padEnd(n);
  process.stdout.write(`\nGET run by id, ${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS} rounds (medians)\n\n`);
  process.stdout.write(`${pad('path', 42)}${pad('req/s', 9)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('vs (b)', 8)}CPU µs/req (edge + service)\n`);
  for (const s of summary) {
    const cpu = `${Math.round(s.edgeCpuUs)}${s.serviceCpuUs === undefined ? '' : ` + ${Math.round(s.serviceCpuUs)}`}`;
    process.stdout.write(`${pad(s.name, 42)}${pad(Math.round(s.rps), 9)}${pad(s.p50, 8)}${pad(s.p99, 8)}${pad(`${(s.rps / b.rps).toFixed(2)}×`, 8)}${cpu}\n`);
  }
  if (summary.length > 1) {
    const [a, , bBatched] = summary;
    process.stdout.write(`\nplatform / (a) = ${(platform.rps / a.rps).toFixed(2)}×, platform / (b) = ${(platform.rps / b.rps).toFixed(2)}×, platform / (b') = ${(platform.rps / bBatched.rps).toFixed(2)}×\n`);
  }
}

async function cleanup() {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
  try {
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const nc = await connect({ servers: NATS_URL });
    const jsm = await jetstreamManager(nc);
    for (const s of ['EVENTS', 'RUN_JOBS']) await jsm.streams.delete(`${namespace}_${s}`).catch(() => {});
    await nc.close();
  } catch { /* best effort */ }
}

main().then(cleanup, async (error) => {
  log(error.stack ?? error.message);
  await cleanup();
  process.exitCode = 1;
});
