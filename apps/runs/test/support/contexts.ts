import { newId, systemContext, CURRENT_API_VERSION, type RequestContext } from '@agentry/contracts';
import { testContext } from '@agentry/testing';

export interface Tenant {
  orgId: string;
  applicationId: string;
}

export function newTenant(): Tenant {
  return { orgId: newId('org'), applicationId: newId('app') };
}

/** An API key of `tenant` calling, optionally for an end-user and with an Idempotency-Key. */
export function keyContext(tenant: Tenant, overrides: Partial<RequestContext> = {}): RequestContext {
  const keyId = overrides.principal?.id ?? 'key_01JTESTTESTTESTTESTTESTKEY0';
  return testContext({
    principal: { type: 'api_key', id: keyId, apiKeyId: keyId, userId: 'usr_01JTESTTESTTESTTESTTESTTEST' },
    orgId: tenant.orgId, applicationId: tenant.applicationId, permissions: ['agents:run', 'runs:read', 'runs:cancel'],
    ...overrides,
  });
}

/** A dashboard user of `tenant`. */
export function userContext(tenant: Tenant, overrides: Partial<RequestContext> = {}): RequestContext {
  return testContext({ orgId: tenant.orgId, applicationId: tenant.applicationId, ...overrides });
}

/** What runners send. */
export function runnerContext(): RequestContext {
  return systemContext(newId('req'), CURRENT_API_VERSION);
}
