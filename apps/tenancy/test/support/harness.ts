import { AppError, BUILT_IN_ROLE_PERMISSIONS, newId, Subjects, type OrgWithRoleDto, type RequestContext, type UserDto } from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testContext, testNamespace, type TestDatabase } from '@agentry/testing';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import pg from 'pg';
import { tenancyService } from '../../src/index.js';

export interface Harness {
  ns: string;
  db: TestDatabase;
  sql: pg.Client;
  rpc: Awaited<ReturnType<typeof createTestRpc>>['rpc'];
  nc: NatsConnection;
  request<T>(subject: string, ctx: RequestContext, data?: unknown): Promise<T>;
  /** The AppError a request fails with (fails the test when it succeeds). */
  failure(subject: string, ctx: RequestContext, data?: unknown): Promise<AppError>;
  close(): Promise<void>;
}

/** The tenancy service on its own database and NATS namespace, plus a requester and a SQL client. */
export async function startTenancy(): Promise<Harness> {
  const db = await createTestDatabase('tenancy');
  const ns = testNamespace();
  let service: RunningService | undefined;
  let client: Awaited<ReturnType<typeof createTestRpc>> | undefined;
  const sql = new pg.Client({ connectionString: db.url });
  try {
    service = await startService(tenancyService, serviceTestEnv(db, ns));
    client = await createTestRpc(ns);
    await sql.connect();
  } catch (error) {
    await client?.close();
    await service?.close();
    await db.drop();
    throw error;
  }
  const rpc = client.rpc;
  const request = <T>(subject: string, ctx: RequestContext, data: unknown = {}) => rpc.request<T>(subject, ctx, data);
  return {
    ns, db, sql, rpc, nc: client.nc, request,
    async failure(subject, ctx, data = {}) {
      const outcome = await request(subject, ctx, data).then(
        (reply) => ({ reply }),
        (error: unknown) => ({ error }),
      );
      if (!('error' in outcome)) throw new Error(`${subject} succeeded, expected a failure: ${JSON.stringify(outcome.reply)}`);
      if (!(outcome.error instanceof AppError)) throw outcome.error;
      return outcome.error;
    },
    async close() {
      await sql.end().catch(() => undefined);
      await client?.close();
      await service?.close();
      await deleteTestStreams(ns);
      await db.drop();
    },
  };
}

/** A dashboard user's context, as the gateway builds it for a session. */
export function userCtx(userId: string, overrides: Partial<RequestContext> = {}): RequestContext {
  return testContext({ principal: { type: 'user', id: userId, userId }, ...overrides });
}

/** The context of a session acting in an org as owner (the gateway resolved org, application and permissions). */
export function ownerCtx(userId: string, org: OrgWithRoleDto, overrides: Partial<RequestContext> = {}): RequestContext {
  return userCtx(userId, {
    orgId: org.id, applicationId: org.defaultApplicationId, permissions: [...BUILT_IN_ROLE_PERMISSIONS.owner], ...overrides,
  });
}

/** An API key's context: bound to one org and one application. */
export function apiKeyCtx(creatorId: string, orgId: string, applicationId: string | undefined, permissions: string[] = []): RequestContext {
  const keyId = newId('key');
  return testContext({ principal: { type: 'api_key', id: keyId, apiKeyId: keyId, userId: creatorId }, orgId, applicationId, permissions });
}

export async function createOrg(h: Harness, userId: string, name = 'Acme'): Promise<OrgWithRoleDto> {
  return h.request<OrgWithRoleDto>(Subjects.tenancy.createOrg, userCtx(userId), { name });
}

/** Test set-up only (there is no invitation flow yet): adds a member straight into the table. */
export async function addMember(h: Harness, orgId: string, userId: string, role: string): Promise<void> {
  await h.sql.query(`INSERT INTO "tenancy"."memberships" ("org_id", "user_id", "role") VALUES ($1, $2, $3)`, [orgId, userId, role]);
}

export interface OutboxRow {
  subject: string;
  payload: { type: string; orgId: string; applicationId: string | null; data: Record<string, unknown>; audit?: Record<string, unknown> };
  published_at: Date | null;
}

export async function outboxRows(h: Harness, orgId: string): Promise<OutboxRow[]> {
  const { rows } = await h.sql.query<OutboxRow>(
    `SELECT "subject", "payload", "published_at" FROM "tenancy"."outbox" WHERE "payload"->>'orgId' = $1 ORDER BY "seq"`,
    [orgId],
  );
  return rows;
}

/**
 * Stands in for identity's `lookupUsers` responder (Nest's NATS packet format): answers with
 * the users it knows among the requested ids, and records what it was asked.
 */
export async function fakeIdentityLookup(h: Harness, users: UserDto[]): Promise<{ calls: string[][]; stop(): void }> {
  const calls: string[][] = [];
  const sub: Subscription = h.nc.subscribe(`${h.ns}.${Subjects.identity.lookupUsers}`, {
    callback: (_err, msg) => {
      const packet = msg.json<{ id: string; data: { data: { userIds: string[] } } }>();
      const ids = packet.data.data.userIds;
      calls.push(ids);
      msg.respond(JSON.stringify({ id: packet.id, response: { data: users.filter((u) => ids.includes(u.id)) }, isDisposed: true }));
    },
  });
  await h.nc.flush();
  return { calls, stop: () => sub.unsubscribe() };
}

export function user(name: string): UserDto {
  return { id: newId('usr'), object: 'user', email: `${name.toLowerCase()}@example.com`, name, twoFactorEnabled: false, createdAt: new Date().toISOString() };
}
