import { SetMetadata } from '@nestjs/common';
import type { Permission, PlatformPermission } from '@agentry/contracts';

/** How a route is reached; read by the EdgeGuard. */
export interface RouteAccess {
  /** No authentication (signup, login, public invitation lookup). */
  public?: boolean;
  /** Only dashboard sessions (API keys get 403 `session_required`). */
  sessionOnly?: boolean;
  /** The permission the route needs in the org; implies an org context. */
  permission?: Permission;
  /** The route takes the org from this path parameter instead of X-Org-Id. */
  orgParam?: string;
  /** Authenticated, but no org context (GET /me, GET|POST /orgs). */
  userLevel?: boolean;
  /** Counts against the per-IP bucket for unauthenticated auth routes. */
  authRoute?: boolean;
  /**
   * Org administration that must work while the org is throttled (quotas, settings, key
   * listing and revocation): not counted against the org bucket, so a `requestsPerMinute` set
   * too low, or a leaked key flooding the org, can always be undone. Key and end-user buckets apply.
   */
  outsideOrgLimit?: boolean;
  /** A platform administration route: dashboard sessions of the configured platform admins only. */
  platformPermission?: PlatformPermission;
}

export const ROUTE_ACCESS = 'agentry:route-access';
export const Access = (access: RouteAccess) => SetMetadata(ROUTE_ACCESS, access);

export const Public = (options: { authRoute?: boolean } = {}) => Access({ public: true, ...options });
export const Requires = (permission: Permission, options: Omit<RouteAccess, 'permission'> = {}) => Access({ permission, ...options });
export const UserLevel = () => Access({ userLevel: true, sessionOnly: true });
export const PlatformAdmin = (platformPermission: PlatformPermission) => Access({ userLevel: true, sessionOnly: true, platformPermission });
