import { requireApplication, type RequestContext } from '@agentry/contracts';
import type { EndUserScope } from '@agentry/persistence';

/** Org + application of the request, narrowed to one end-user when the request acts for one. */
export function endUserScope(ctx: RequestContext): EndUserScope {
  return { ...requireApplication(ctx), endUserId: ctx.endUserId };
}
