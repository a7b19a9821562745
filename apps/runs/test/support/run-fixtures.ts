import { Subjects, type AgentDto, type RunDto } from '@agentry/contracts';
import type { RpcClient } from '@agentry/messaging';
import type { DataSource } from 'typeorm';
import { userContext, keyContext, type Tenant } from './contexts.js';

export function createAgent(rpc: RpcClient, tenant: Tenant, body: Record<string, unknown>): Promise<AgentDto> {
  return rpc.request<AgentDto>(Subjects.runs.createAgent, userContext(tenant), { name: String(body.slug), ...body });
}

export function createRun(rpc: RpcClient, tenant: Tenant, data: Record<string, unknown>, ctx: Parameters<typeof keyContext>[1] = {}): Promise<RunDto> {
  return rpc.request<RunDto>(Subjects.runs.createRun, keyContext(tenant, ctx), data);
}

/** Run ids whose job was written (outbox subject jobs.run), in dispatch order. */
export async function dispatchedRunIds(dataSource: DataSource, orgId: string): Promise<string[]> {
  const rows: Array<{ runId: string }> = await dataSource.query(
    `SELECT "payload"->>'runId' AS "runId" FROM "runs"."outbox" WHERE "subject" = 'jobs.run' AND "payload"->>'orgId' = $1 ORDER BY "seq"`,
    [orgId],
  );
  return rows.map((row) => row.runId);
}

export async function failure<T>(promise: Promise<T>): Promise<{ status: number; code: string; errors?: Array<{ field: string; code: string }>; extra?: Record<string, unknown> }> {
  return promise.then(
    (value) => { throw new Error(`expected a failure, got ${JSON.stringify(value)}`); },
    (error: unknown) => error as { status: number; code: string },
  );
}
