import { ALL_PERMISSIONS, AppError, newId, type RequestContext } from '@agentry/contracts';
import { startService, type RunningService } from '@agentry/messaging';
import { createTestDatabase, createTestRpc, deleteTestStreams, serviceTestEnv, testContext, testNamespace, type TestDatabase } from '@agentry/testing';
import { identityService, type IdentityConfig } from '../../src/index.js';

/** One identity service on its own database and NATS namespace, and a requester speaking as the gateway. */
export interface IdentityHarness {
  ns: string;
  service: RunningService<IdentityConfig>;
  client: Awaited<ReturnType<typeof createTestRpc>>;
  request<T>(subject: string, ctx: RequestContext, data?: unknown): Promise<T>;
  /** The AppError a request fails with (fails the test when it succeeds). */
  failure(subject: string, ctx: RequestContext, data?: unknown): Promise<AppError>;
  /** Raw SQL against the service's database, to check what is really stored. */
  sql<R = Record<string, unknown>>(query: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export async function startIdentity(extraEnv: Record<string, string> = {}): Promise<IdentityHarness> {
  const db: TestDatabase = await createTestDatabase('identity');
  const ns = testNamespace();
  const service = await startService(identityService, serviceTestEnv(db, ns, extraEnv));
  const client = await createTestRpc(ns);
  return {
    ns, service, client,
    request: <T>(subject: string, ctx: RequestContext, data: unknown = {}) => client.rpc.request<T>(subject, ctx, data),
    async failure(subject, ctx, data = {}) {
      const outcome = await client.rpc.request(subject, ctx, data).then(
        (reply) => ({ reply }),
        (error: unknown) => ({ error }),
      );
      if (!('error' in outcome)) throw new Error(`${subject} succeeded, expected a failure: ${JSON.stringify(outcome.reply)}`);
      if (!(outcome.error instanceof AppError)) throw outcome.error;
      return outcome.error;
    },
    sql: <R>(query: string, params: unknown[] = []) => service.dataSource!.query(query, params) as Promise<R[]>,
    async close() {
      await client?.close();
      await service?.close();
      await deleteTestStreams(ns);
      await db?.drop();
    },
  };
}

/** An org + application + dashboard user, as the gateway resolves them for a session. */
export interface Tenant {
  orgId: string;
  applicationId: string;
  userId: string;
}

export function newTenant(orgId: string = newId('org')): Tenant {
  return { orgId, applicationId: newId('app'), userId: newId('usr') };
}

/** The context of a session request in `tenant` (all permissions unless told otherwise). */
export function ctxFor(tenant: Tenant, overrides: Partial<RequestContext> = {}): RequestContext {
  return testContext({
    orgId: tenant.orgId, applicationId: tenant.applicationId,
    principal: { type: 'user', id: tenant.userId, userId: tenant.userId, sessionId: newId('ses') },
    permissions: [...ALL_PERMISSIONS],
    ...overrides,
  });
}

/** The outbox rows of one event type, oldest first. */
export async function outboxEvents(h: IdentityHarness, type: string): Promise<Array<{ payload: Record<string, any>; published_at: Date | null }>> {
  return h.sql(`SELECT "payload", "published_at" FROM "identity"."outbox" WHERE "subject" = $1 ORDER BY "seq"`, [`events.${type}`]);
}
