import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient } from './support/http.js';
import { TestPlatform } from './support/platform.js';
import { expectProblem, signup } from './support/tenants.js';

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads a whole text/event-stream (until the server ends it) into events. */
async function readStream(res: Response, timeoutMs = 20_000): Promise<SseEvent[]> {
  const timer = setTimeout(() => void res.body?.cancel(), timeoutMs);
  const text = await res.text();
  clearTimeout(timer);
  return text.split('\n\n').filter((block) => block.trim() && !block.startsWith(':') && !block.startsWith('retry:')).map((block) => {
    const event: SseEvent = {};
    for (const line of block.split('\n')) {
      const i = line.indexOf(': ');
      const [field, value] = [line.slice(0, i), line.slice(i + 2)];
      if (field === 'id' || field === 'event' || field === 'data') event[field] = value;
    }
    return event;
  });
}

/** `GET /runs/{id}/events` with `Accept: text/event-stream`: live, resumable, ends with the run. */
describe('run event stream (SSE)', () => {
  let platform: TestPlatform;
  let agentServer: Server;
  let base: string;
  let key: ApiClient;
  let keySecret: string;

  const stream = (runId: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/runs/${runId}/events`, { headers: { authorization: `Bearer ${keySecret}`, accept: 'text/event-stream', ...headers } });

  beforeAll(async () => {
    platform = await TestPlatform.start({ services: ['identity', 'tenancy', 'runs', 'runner'], env: { MAX_STREAMS_PER_PRINCIPAL: '3' } });
    base = `${platform.url}/api`;
    agentServer = createServer((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"answer":42}'), 300));
    });
    await new Promise<void>((resolve) => agentServer.listen(0, '127.0.0.1', resolve));
    const { user, csrf } = await signup(base, 'owner@sse.test', 'Owner');
    const orgId = (await user.withHeaders(csrf).post('/orgs', { name: 'SSE' })).body.id;
    const owner = user.withHeaders({ ...csrf, 'x-org-id': orgId });
    const created = await owner.post('/api-keys', { name: 'k', scopes: ['agents:run', 'runs:read', 'runs:cancel'] });
    keySecret = created.body.key;
    key = new ApiClient(base, { authorization: `Bearer ${keySecret}` });
    await owner.post('/agents', { slug: 'nap', name: 'Nap', executor: { kind: 'builtin', name: 'sleep' } });
    const port = (agentServer.address() as AddressInfo).port;
    await owner.post('/agents', { slug: 'remote', name: 'Remote', executor: { kind: 'http', url: `http://127.0.0.1:${port}/run` } });
  });

  afterAll(async () => {
    await new Promise((resolve) => agentServer?.close(resolve));
    await platform?.close();
  });

  it('streams a run live, in order, with runner events, and ends after the terminal event', async () => {
    const run = await key.post('/runs', { agentId: 'remote', input: {} });
    const res = await stream(run.body.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    expect(res.headers.get('appstrate-version')).toBeTruthy();
    const events = await readStream(res);
    expect(events.map((e) => e.event)).toEqual(['run.queued', 'run.started', 'http.response', 'run.succeeded']);
    expect(events.map((e) => e.id)).toEqual(['1', '2', '3', '4']);
    expect(JSON.parse(events[3]!.data!)).toMatchObject({ object: 'run_event', runId: run.body.id, seq: 4, data: { status: 'succeeded', output: { answer: 42 } } });
  });

  it('resumes after Last-Event-ID (or ?after), sending only what came later', async () => {
    const run = await key.post('/runs', { agentId: 'nap', input: { ms: 1 } });
    const all = await readStream(await stream(run.body.id));
    expect(all.map((e) => e.id)).toEqual(['1', '2', '3']);
    expect((await readStream(await stream(run.body.id, { 'last-event-id': '2' }))).map((e) => e.id)).toEqual(['3']);
    const viaQuery = await fetch(`${base}/runs/${run.body.id}/events?after=1`, { headers: { authorization: `Bearer ${keySecret}`, accept: 'text/event-stream' } });
    expect((await readStream(viaQuery)).map((e) => e.id)).toEqual(['2', '3']);
    // Past the end of a finished run: the stream ends at once, empty.
    expect(await readStream(await stream(run.body.id, { 'last-event-id': '3' }))).toEqual([]);
  });

  it('a cancellation mid-stream is its last event', async () => {
    const run = await key.post('/runs', { agentId: 'nap', input: { ms: 60_000 } });
    const res = await stream(run.body.id);
    const reading = readStream(res);
    await new Promise((r) => setTimeout(r, 500));
    expect((await key.post(`/runs/${run.body.id}/cancel`, { reason: 'enough' })).status).toBe(200);
    const events = await reading;
    expect(events.at(-1)).toMatchObject({ event: 'run.cancelled' });
    expect(JSON.parse(events.at(-1)!.data!).data).toMatchObject({ status: 'cancelled', cancelReason: 'enough' });
  });

  it('refuses before streaming: unknown run 404, bad Last-Event-ID 400, as problem documents', async () => {
    const missing = await stream('run_01JZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const run = await key.post('/runs', { agentId: 'nap', input: { ms: 1 } });
    for (const bad of ['-1', 'abc', '1.5', '99999999999999999999']) {
      const res = await stream(run.body.id, { 'last-event-id': bad });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('validation_failed');
    }
    // Without the Accept header it is the plain list.
    const list = await key.get(`/runs/${run.body.id}/events`);
    expect(list.body.object).toBe('list');
    expectProblem(await new ApiClient(base).get(`/runs/${run.body.id}/events`, { headers: { accept: 'text/event-stream' } }), 401);
  });

  it('caps the open streams of one principal (429 too_many_streams), freeing a place when one closes', async () => {
    const run = await key.post('/runs', { agentId: 'nap', input: { ms: 60_000 } });
    // Opened all at once: exactly the cap gets through.
    const controllers = Array.from({ length: 6 }, () => new AbortController());
    const open = await Promise.all(controllers.map((c) => fetch(`${base}/runs/${run.body.id}/events`, {
      headers: { authorization: `Bearer ${keySecret}`, accept: 'text/event-stream' }, signal: c.signal,
    })));
    expect(open.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
    const refused = open.find((r) => r.status === 429)!;
    expect(((await refused.json()) as { code: string }).code).toBe('too_many_streams');
    controllers.forEach((c, i) => { if (open[i]!.status !== 200) c.abort(); });
    const openIndex = open.findIndex((r) => r.status === 200);
    controllers.splice(0, controllers.length, controllers[openIndex]!, ...controllers.filter((_c, i) => i !== openIndex && open[i]!.status === 200));
    controllers[0]!.abort();
    let again: Response | undefined;
    for (let i = 0; i < 50 && again?.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await stream(run.body.id);
      if (again.status !== 200) await again.body?.cancel();
    }
    expect(again?.status).toBe(200);
    await key.post(`/runs/${run.body.id}/cancel`);
    for (const c of controllers) c.abort();
    await again?.body?.cancel();
  });

  it('revoking the key ends its open stream at once, before the run ends', async () => {
    const { user, csrf } = await signup(base, 'revoker@sse.test', 'Revoker');
    const orgId = (await user.withHeaders(csrf).post('/orgs', { name: 'Revoke' })).body.id;
    const owner = user.withHeaders({ ...csrf, 'x-org-id': orgId });
    await owner.post('/agents', { slug: 'nap', name: 'Nap', executor: { kind: 'builtin', name: 'sleep' } });
    const created = await owner.post('/api-keys', { name: 'short', scopes: ['agents:run', 'runs:read'] });
    const run = await new ApiClient(base, { authorization: `Bearer ${created.body.key}` }).post('/runs', { agentId: 'nap', input: { ms: 60_000 } });
    const res = await fetch(`${base}/runs/${run.body.id}/events`, { headers: { authorization: `Bearer ${created.body.key}`, accept: 'text/event-stream' } });
    const reading = readStream(res, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    expect((await owner.delete(`/api-keys/${created.body.id}`)).status).toBe(200);
    const events = await reading;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(events.map((e) => e.event)).not.toContain('run.succeeded');
    await owner.post(`/runs/${run.body.id}/cancel`);
  });

  it('a gateway shutting down ends its open streams instead of hanging (clients resume elsewhere)', async () => {
    const run = await key.post('/runs', { agentId: 'nap', input: { ms: 60_000 } });
    const res = await stream(run.body.id);
    // Read until the stream is live (its first event arrived), then shut the gateway down.
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: run.queued')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const started = Date.now();
    await platform.gateway.close();
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
    expect(text).toContain('event: run.queued');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
