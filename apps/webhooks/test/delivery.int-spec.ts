import { newId, WebhookSubjects, type ListReply, type RequestContext, type WebhookEndpointDto, type WebhookEndpointWithSecretDto, type WebhookMessageDto } from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testContext, testNamespace, type TestDatabase } from '@agentry/testing';
import { Webhook } from 'standardwebhooks';
import { webhooksService, type WebhooksConfig } from '../src/index.js';
import { platformEvent, publishEvent, waitFor } from './support/events.js';
import { startReceiver, type ReceivedRequest, type Receiver } from './support/receiver.js';

const RETRY_MS = 300;
const TIMEOUT_MS = 800;

describe('webhook deliveries (local receiver, private targets allowed)', () => {
  let db: TestDatabase;
  let ns: string;
  let env: Record<string, string>;
  let service: RunningService<WebhooksConfig>;
  let client: Awaited<ReturnType<typeof createTestRpc>>;
  let receiver: Receiver;

  const call = <T>(subject: string, ctx: RequestContext, data: unknown) => client.rpc.request<T>(subject, ctx, data);
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => service.dataSource!.query(text, params);
  const tenant = () => {
    const orgId = newId('org');
    const applicationId = newId('app');
    return { orgId, applicationId, ctx: testContext({ orgId, applicationId }) };
  };
  const createEndpoint = (ctx: RequestContext, path: string, events: string[] = ['*'], extra: Record<string, unknown> = {}) =>
    call<WebhookEndpointWithSecretDto>(WebhookSubjects.createEndpoint, ctx, { url: receiver.url(path), events, ...extra });
  const messagesOf = async (ctx: RequestContext, endpointId: string) =>
    (await call<ListReply<WebhookMessageDto>>(WebhookSubjects.listMessages, ctx, { id: endpointId })).data;
  const settled = (ctx: RequestContext, endpointId: string, status: 'delivered' | 'failed') =>
    waitFor(async () => {
      const [message] = await messagesOf(ctx, endpointId);
      return message?.status === status ? message : undefined;
    }, 10_000);
  const headersOf = (r: ReceivedRequest) => r.headers as Record<string, string>;
  const quiet = () => new Promise((r) => setTimeout(r, 700));

  beforeAll(async () => {
    db = await createTestDatabase('webhooks');
    ns = testNamespace();
    env = serviceTestEnv(db, ns, {
      WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOKS_RETRY_SCHEDULE_MS: `${RETRY_MS},${RETRY_MS},${RETRY_MS}`,
      WEBHOOKS_DELIVERY_TIMEOUT_MS: String(TIMEOUT_MS), WEBHOOKS_DISPATCH_INTERVAL_MS: '100',
    });
    service = await startService(webhooksService, env);
    client = await createTestRpc(ns);
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await service?.close();
    await receiver?.close();
    await client?.close();
    await deleteTestStreams(ns);
    await db?.drop();
  });

  it('delivers an event within about a second, signed per Standard Webhooks, with the api.md envelope as body', async () => {
    const { orgId, applicationId, ctx } = tenant();
    const endpoint = await createEndpoint(ctx, '/signed', ['run.succeeded']);
    const event = platformEvent({ orgId, applicationId, type: 'run.succeeded', data: { id: 'run_1', object: 'run', status: 'succeeded' } });
    const publishedAt = Date.now();
    await publishEvent(client.nc, ns, event);

    const [request] = await waitFor(async () => receiver.requests('/signed').length > 0 && receiver.requests('/signed'));
    expect(request!.at - publishedAt).toBeLessThan(1500);
    const headers = headersOf(request!);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-id']).toMatch(/^msg_[0-9A-Z]{26}$/);
    expect(Math.abs(Number(headers['webhook-timestamp']) - publishedAt / 1000)).toBeLessThan(5);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);

    const verified = new Webhook(endpoint.secret).verify(request!.body, headers);
    const { audit: _audit, ...envelope } = event;
    expect(verified).toEqual(envelope);
    expect(Object.keys(JSON.parse(request!.body))).toEqual(['id', 'type', 'createdAt', 'apiVersion', 'orgId', 'applicationId', 'data']);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(request!.body, headers)).toThrow();
    expect(() => new Webhook(endpoint.secret).verify(request!.body.replace('succeeded', 'failed'), headers)).toThrow();

    const message = await settled(ctx, endpoint.id, 'delivered');
    expect(message).toEqual({
      id: headers['webhook-id'], object: 'webhook_message', eventId: event.id, eventType: 'run.succeeded', status: 'delivered',
      attempts: [{ attemptedAt: expect.any(String), status: 204, durationMs: expect.any(Number) }], createdAt: expect.any(String), nextAttemptAt: null,
    });
  });

  it('retries a failing receiver on the schedule with the same id and bytes, recording every attempt', async () => {
    const { orgId, applicationId, ctx } = tenant();
    receiver.script('/flaky', [{ status: 500 }, { status: 503 }, { status: 200 }]);
    const endpoint = await createEndpoint(ctx, '/flaky');
    await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId }));

    const message = await settled(ctx, endpoint.id, 'delivered');
    expect(message.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    expect(message.attempts.every((a) => a.error === undefined)).toBe(true);
    const requests = receiver.requests('/flaky');
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => headersOf(r)['webhook-id']))).toEqual(new Set([message.id]));
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    for (const r of requests) expect(() => new Webhook(endpoint.secret).verify(r.body, headersOf(r))).not.toThrow();
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(RETRY_MS - 50);
    expect(requests[2]!.at - requests[1]!.at).toBeGreaterThanOrEqual(RETRY_MS - 50);
  });

  it('gives up after the last scheduled retry', async () => {
    const { orgId, applicationId, ctx } = tenant();
    receiver.script('/down', [{ status: 500 }]);
    const endpoint = await createEndpoint(ctx, '/down');
    await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId }));
    const message = await settled(ctx, endpoint.id, 'failed');
    expect(message.attempts.map((a) => a.status)).toEqual([500, 500, 500, 500]);
    expect(message.nextAttemptAt).toBeNull();
    await quiet();
    expect(receiver.requests('/down')).toHaveLength(4);
    // The endpoint has been failing for less than the auto-disable window: still enabled.
    expect((await call<WebhookEndpointDto>(WebhookSubjects.getEndpoint, ctx, { id: endpoint.id })).enabled).toBe(true);
  });

  it('disables the endpoint on 410 Gone, records webhook.disabled, and queues nothing more for it', async () => {
    const { orgId, applicationId, ctx } = tenant();
    receiver.script('/gone', [{ status: 410 }]);
    const endpoint = await createEndpoint(ctx, '/gone');
    await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId }));
    const message = await settled(ctx, endpoint.id, 'failed');
    expect(message.attempts.map((a) => a.status)).toEqual([410]);
    expect(await call<WebhookEndpointDto>(WebhookSubjects.getEndpoint, ctx, { id: endpoint.id })).toMatchObject({ enabled: false, disabledReason: 'endpoint_gone' });
    const [disabled] = await sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM webhooks.outbox WHERE payload->>'type' = 'webhook.disabled' AND payload->'data'->>'id' = $1`, [endpoint.id]);
    expect(disabled!.payload).toMatchObject({
      orgId, applicationId, audit: { action: 'webhook.disable', actor: { type: 'system' }, resource: { type: 'webhook', id: endpoint.id }, metadata: { reason: 'endpoint_gone' } },
    });

    await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId }));
    await quiet();
    expect(await messagesOf(ctx, endpoint.id)).toHaveLength(1);
    expect(receiver.requests('/gone')).toHaveLength(1);
  });

  it('disables an endpoint that has been failing longer than the window', async () => {
    const { orgId, applicationId, ctx } = tenant();
    receiver.script('/failing', [{ status: 502 }]);
    const endpoint = await createEndpoint(ctx, '/failing');
    await sql(`UPDATE webhooks.endpoints SET failing_since = now() - interval '6 days' WHERE id = $1`, [endpoint.id]);
    await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId }));
    await waitFor(async () => !(await call<WebhookEndpointDto>(WebhookSubjects.getEndpoint, ctx, { id: endpoint.id })).enabled);
    expect(await call<WebhookEndpointDto>(WebhookSubjects.getEndpoint, ctx, { id: endpoint.id })).toMatchObject({ enabled: false, disabledReason: 'failing' });
    await quiet();
    expect(receiver.requests('/failing')).toHaveLength(1); // the retry waits for the endpoint to be enabled again
  });

  it('delivers a duplicated event once per endpoint, storing its bytes once', async () => {
    const { orgId, applicationId, ctx } = tenant();
    await createEndpoint(ctx, '/dup-1');
    await createEndpoint(ctx, '/dup-2', ['run.succeeded']);
    const event = platformEvent({ orgId, applicationId });
    expect((await publishEvent(client.nc, ns, event)).duplicate).toBe(false);
    expect((await publishEvent(client.nc, ns, event)).duplicate).toBe(true);
    expect((await publishEvent(client.nc, ns, event, `${event.id}-republished`)).duplicate).toBe(false);
    await waitFor(async () => receiver.requests('/dup-1').length === 1 && receiver.requests('/dup-2').length === 1);
    await quiet();
    expect(receiver.requests('/dup-1')).toHaveLength(1);
    expect(receiver.requests('/dup-2')).toHaveLength(1);
    expect(receiver.requests('/dup-1')[0]!.body).toBe(receiver.requests('/dup-2')[0]!.body);
    expect(await sql(`SELECT 1 FROM webhooks.payloads WHERE event_id = $1`, [event.id])).toHaveLength(1);
    expect(await sql(`SELECT 1 FROM webhooks.messages WHERE event_id = $1`, [event.id])).toHaveLength(2);
  });

  it('routes by org, application, subscription, state and creation time; internal events never leave', async () => {
    const { orgId, applicationId, ctx } = tenant();
    const otherApp = testContext({ orgId, applicationId: newId('app') });
    const otherOrg = testContext({ orgId: newId('org'), applicationId }); // same application id, another org
    await createEndpoint(ctx, '/r-exact', ['run.succeeded']);
    await createEndpoint(ctx, '/r-wild', ['*']);
    await createEndpoint(ctx, '/r-other-type', ['run.failed']);
    await createEndpoint(ctx, '/r-disabled', ['*'], { enabled: false });
    await createEndpoint(otherApp, '/r-other-app', ['*']);
    await createEndpoint(otherOrg, '/r-other-org', ['*']);

    await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId, type: 'run.succeeded' }));
    await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId: null, type: 'member.added' }));
    await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId, type: 'webhook.created' }));
    await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId, type: 'user.signed_up' }));
    // Happened before the endpoints existed (a lagging consumer): not sent to them.
    await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId, type: 'run.succeeded', createdAt: new Date(Date.now() - 60_000).toISOString() }));

    const expected: Record<string, string[]> = {
      '/r-exact': ['run.succeeded'], '/r-wild': ['run.succeeded', 'member.added'], '/r-other-type': [], '/r-disabled': [],
      '/r-other-app': ['member.added'], '/r-other-org': [],
    };
    const types = (path: string) => receiver.requests(path).map((r) => (JSON.parse(r.body) as { type: string }).type).sort();
    await waitFor(async () => Object.entries(expected).every(([path, want]) => types(path).length >= want.length));
    await quiet();
    for (const [path, want] of Object.entries(expected)) expect([path, types(path)]).toEqual([path, [...want].sort()]);
  });

  it('keeps one endpoint\'s deliveries in event order', async () => {
    const { orgId, applicationId, ctx } = tenant();
    await createEndpoint(ctx, '/ordered');
    const events = Array.from({ length: 6 }, (_, i) => platformEvent({ orgId, applicationId, data: { i } }));
    for (const e of events) await publishEvent(client.nc, ns, e);
    await waitFor(async () => receiver.requests('/ordered').length === events.length);
    expect(receiver.requests('/ordered').map((r) => (JSON.parse(r.body) as { id: string }).id)).toEqual(events.map((e) => e.id));
  });

  it('records a timeout, and does not follow redirects', async () => {
    const { orgId, applicationId, ctx } = tenant();
    receiver.script('/slow', ['hang']);
    receiver.script('/redirect', [{ status: 302, headers: { location: receiver.url('/target') } }]);
    const slow = await createEndpoint(ctx, '/slow');
    const redirect = await createEndpoint(ctx, '/redirect');
    await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId }));

    const slowMessage = await waitFor(async () => (await messagesOf(ctx, slow.id))[0]?.attempts[0] ? (await messagesOf(ctx, slow.id))[0] : undefined);
    expect(slowMessage!.attempts[0]).toEqual({ attemptedAt: expect.any(String), error: `timed out after ${TIMEOUT_MS} ms`, durationMs: expect.any(Number) });
    expect(slowMessage!.attempts[0]!.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    const redirected = await waitFor(async () => (await messagesOf(ctx, redirect.id))[0]?.attempts[0] ? (await messagesOf(ctx, redirect.id))[0] : undefined);
    expect(redirected!.attempts[0]!.status).toBe(302);
    expect(receiver.requests('/target')).toHaveLength(0);
    for (const e of [slow, redirect]) await call(WebhookSubjects.deleteEndpoint, ctx, { id: e.id }); // stop their retries
  });

  it('signs with both secrets during a rotation overlap, then only with the new one', async () => {
    const { ctx } = tenant();
    const endpoint = await createEndpoint(ctx, '/rotated');
    const rotated = await call<WebhookEndpointWithSecretDto>(WebhookSubjects.rotateSecret, ctx, { id: endpoint.id, overlapSeconds: 60 });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    const sent = await call<WebhookMessageDto>(WebhookSubjects.sendTest, ctx, { id: endpoint.id });
    expect(sent).toMatchObject({ object: 'webhook_message', eventType: 'webhook.test', status: 'pending', attempts: [] });
    const [during] = await waitFor(async () => receiver.requests('/rotated').length === 1 && receiver.requests('/rotated'));
    expect(headersOf(during!)['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(headersOf(during!)['webhook-id']).toBe(sent.id);
    expect(new Webhook(rotated.secret).verify(during!.body, headersOf(during!))).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });
    expect(() => new Webhook(endpoint.secret).verify(during!.body, headersOf(during!))).not.toThrow();

    const again = await call<WebhookEndpointWithSecretDto>(WebhookSubjects.rotateSecret, ctx, { id: endpoint.id, overlapSeconds: 0 });
    await call(WebhookSubjects.sendTest, ctx, { id: endpoint.id });
    const [, after] = await waitFor(async () => receiver.requests('/rotated').length === 2 && receiver.requests('/rotated'));
    expect(headersOf(after!)['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(() => new Webhook(again.secret).verify(after!.body, headersOf(after!))).not.toThrow();
    expect(() => new Webhook(rotated.secret).verify(after!.body, headersOf(after!))).toThrow();
  });

  it('retries a failed message by hand: same id, one more attempt', async () => {
    const { orgId, applicationId, ctx } = tenant();
    receiver.script('/manual', [{ status: 500 }]);
    const endpoint = await createEndpoint(ctx, '/manual');
    await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId }));
    const failed = await settled(ctx, endpoint.id, 'failed');
    receiver.script('/manual', [{ status: 200 }]);
    const retried = await call<WebhookMessageDto>(WebhookSubjects.retryMessage, ctx, { id: endpoint.id, msgId: failed.id });
    expect(retried).toMatchObject({ id: failed.id, status: 'pending' });
    const delivered = await settled(ctx, endpoint.id, 'delivered');
    expect(delivered.attempts.map((a) => a.status)).toEqual([500, 500, 500, 500, 200]);
    expect(new Set(receiver.requests('/manual').map((r) => headersOf(r)['webhook-id']))).toEqual(new Set([failed.id]));
  });

  it('recovers the failed messages since a given time', async () => {
    const { orgId, applicationId, ctx } = tenant();
    receiver.script('/recover', [{ status: 500 }]);
    const endpoint = await createEndpoint(ctx, '/recover');
    const before = new Date().toISOString();
    for (let i = 0; i < 2; i++) await publishEvent(client.nc, ns, platformEvent({ orgId, applicationId }));
    await waitFor(async () => {
      const messages = await messagesOf(ctx, endpoint.id);
      return messages.length === 2 && messages.every((m) => m.status === 'failed');
    });
    receiver.script('/recover', [{ status: 204 }]);
    const future = new Date(Date.now() + 60_000).toISOString();
    const refused = await call(WebhookSubjects.recoverMessages, ctx, { id: endpoint.id, since: future }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: 'since', code: 'must_be_past' }] });
    expect(await call(WebhookSubjects.recoverMessages, ctx, { id: endpoint.id, since: before })).toEqual({ id: endpoint.id, object: 'webhook_endpoint', recovered: 2 });
    await waitFor(async () => (await messagesOf(ctx, endpoint.id)).every((m) => m.status === 'delivered'));
    const error = await call(WebhookSubjects.recoverMessages, ctx, { id: endpoint.id, since: 'last tuesday' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('never delivers a message twice when two replicas dispatch side by side', async () => {
    const second = await startService(webhooksService, env);
    try {
      const { orgId, applicationId, ctx } = tenant();
      const paths = ['/pair-1', '/pair-2', '/pair-3'];
      for (const path of paths) await createEndpoint(ctx, path);
      await Promise.all(Array.from({ length: 15 }, () => publishEvent(client.nc, ns, platformEvent({ orgId, applicationId }))));
      await waitFor(async () => paths.every((p) => receiver.requests(p).length >= 15), 15_000);
      await quiet();
      for (const path of paths) {
        const ids = receiver.requests(path).map((r) => headersOf(r)['webhook-id']);
        expect([path, ids.length, new Set(ids).size]).toEqual([path, 15, 15]);
      }
    } finally {
      await second.close();
    }
  });

  it('delivers events published while the service was down once it is back', async () => {
    const { orgId, applicationId, ctx } = tenant();
    await createEndpoint(ctx, '/restart');
    await service.close();
    const event = platformEvent({ orgId, applicationId });
    await publishEvent(client.nc, ns, event);
    service = await startService(webhooksService, env);
    const [request] = await waitFor(async () => receiver.requests('/restart').length > 0 && receiver.requests('/restart'));
    expect((JSON.parse(request!.body) as { id: string }).id).toBe(event.id);
  });
});
