import { CURRENT_API_VERSION, newId, type RequestContext } from '@agentry/contracts';
import { connectNats, Namespace, RpcClient } from '@agentry/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { natsUrl } from './test-nats.js';

/** A NATS requester for service integration tests, as the gateway would call. */
export async function createTestRpc(namespace: string): Promise<{ rpc: RpcClient; nc: NatsConnection; close(): Promise<void> }> {
  const nc = await connectNats(natsUrl(), 'test-rpc');
  return { rpc: new RpcClient(nc, new Namespace(namespace), 5000), nc, close: () => nc.close() };
}

/** A request context as the gateway builds it; override what the test needs. */
export function testContext(overrides: Partial<RequestContext> = {}): RequestContext {
  return {
    requestId: newId('req'),
    principal: { type: 'user', id: 'usr_01JTESTTESTTESTTESTTESTTEST', userId: 'usr_01JTESTTESTTESTTESTTESTTEST' },
    permissions: [],
    apiVersion: CURRENT_API_VERSION,
    ip: '127.0.0.1',
    userAgent: 'jest',
    ...overrides,
  };
}
