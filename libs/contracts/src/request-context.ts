import { AppError } from './errors.js';

export type PrincipalType = 'user' | 'api_key' | 'anonymous' | 'system';

export interface Principal {
  type: PrincipalType;
  /** `usr_…` for a user, `key_…` for an API key, `system` for the platform itself. */
  id: string;
  /** The dashboard user behind the principal: the user, or the API key's creator. */
  userId?: string;
  apiKeyId?: string;
  sessionId?: string;
}

export interface Impersonator {
  userId: string;
  impersonationId: string;
}

/** What the gateway knows about a request; it travels with every RPC so services never re-authenticate. */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  orgId?: string;
  applicationId?: string;
  endUserId?: string;
  impersonator?: Impersonator;
  permissions: string[];
  ip?: string;
  userAgent?: string;
  apiVersion: string;
  traceparent?: string;
  /** The client's Idempotency-Key on a POST; services that create things de-duplicate on it. */
  idempotencyKey?: string;
  /** Platform admins (from configuration) hold platform:* permissions. */
  platformAdmin?: boolean;
}

export interface RpcEnvelope<T = unknown> {
  ctx: RequestContext;
  data: T;
}

export function systemContext(requestId: string, apiVersion: string, orgId?: string): RequestContext {
  return { requestId, principal: { type: 'system', id: 'system' }, orgId, permissions: [], apiVersion };
}

/** Cheap structural check of a context received over NATS (the data payload gets full class validation). */
export function assertRequestContext(value: unknown): asserts value is RequestContext {
  const ctx = value as RequestContext | undefined;
  if (
    !ctx || typeof ctx.requestId !== 'string' || !ctx.principal || typeof ctx.principal.type !== 'string' ||
    typeof ctx.principal.id !== 'string' || !Array.isArray(ctx.permissions) || typeof ctx.apiVersion !== 'string'
  ) {
    throw new AppError({ status: 400, code: 'invalid_request_context', title: 'Bad Request', detail: 'The RPC carried no valid request context.' });
  }
}

/** The org the request is scoped to; services call this instead of trusting an optional field. */
export function requireOrg(ctx: RequestContext): string {
  if (!ctx.orgId) throw new AppError({ status: 400, code: 'org_required', title: 'Bad Request', detail: 'Send X-Org-Id to choose an organization.' });
  return ctx.orgId;
}

export function requireApplication(ctx: RequestContext): { orgId: string; applicationId: string } {
  const orgId = requireOrg(ctx);
  if (!ctx.applicationId) throw new AppError({ status: 400, code: 'application_required', title: 'Bad Request', detail: 'No application is selected.' });
  return { orgId, applicationId: ctx.applicationId };
}
