import { CURRENT_API_VERSION, newId, Subjects, systemContext } from '@agentry/contracts';
import { RpcClient } from '@agentry/messaging';
import { Injectable } from '@nestjs/common';
import { RunnerConfig } from '../config/runner.config.js';
import { ExecutionFailure } from '../executors/executor.js';
import type { StartedRun } from './runs-client.js';

/**
 * The run owner's connections (metadata) from identity: the end-user's when the run acts for one,
 * else the dashboard user's who created it. No answer in time fails the run instead of hanging it.
 */
@Injectable()
export class ConnectionsClient {
  constructor(private readonly rpc: RpcClient, private readonly config: RunnerConfig) {}

  async forRun(run: StartedRun): Promise<unknown[]> {
    const owner = run.endUserId ? { endUserId: run.endUserId } : run.run.createdBy ? { userId: run.run.createdBy } : null;
    if (!owner) return [];
    const data = { orgId: run.orgId, applicationId: run.applicationId, ...owner };
    let reply: unknown;
    try {
      reply = await this.rpc.request(Subjects.identity.connectionsForOwner, systemContext(newId('req'), CURRENT_API_VERSION, run.orgId), data, {
        timeoutMs: this.config.RUNNER_CONNECTIONS_TIMEOUT_MS,
      });
    } catch (error) {
      throw new ExecutionFailure('connections_unavailable', `The run's connections could not be loaded: ${(error as Error).message}`);
    }
    return asList(reply);
  }
}

/** Accepts a bare array or a list reply (`{data: [...]}` / `{connections: [...]}`). */
function asList(reply: unknown): unknown[] {
  if (Array.isArray(reply)) return reply;
  const object = reply as { data?: unknown; connections?: unknown } | null;
  if (Array.isArray(object?.data)) return object.data;
  if (Array.isArray(object?.connections)) return object.connections;
  return [];
}
