import { requireApplication, type RequestContext } from '@agentry/contracts';
import type { AppScope, EndUserScope } from '@agentry/persistence';

export function appScope(ctx: RequestContext): AppScope {
  return requireApplication(ctx);
}

/** The application, narrowed to the end-user when the request acts for one. */
export function endUserScope(ctx: RequestContext): EndUserScope {
  const { orgId, applicationId } = requireApplication(ctx);
  return ctx.endUserId ? { orgId, applicationId, endUserId: ctx.endUserId } : { orgId, applicationId };
}
