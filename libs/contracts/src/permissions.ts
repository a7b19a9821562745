/** The permission catalogue and built-in roles, exactly as api.md lists them. */
export const PERMISSION_CATALOGUE = {
  org: ['read', 'update', 'delete', 'transfer'],
  members: ['read', 'invite', 'update-role', 'remove'],
  invitations: ['read', 'revoke'],
  roles: ['read', 'create', 'update', 'delete'],
  settings: ['read', 'update'],
  applications: ['read', 'create', 'update', 'delete'],
  'end-users': ['read', 'create', 'update', 'delete', 'impersonate'],
  'api-keys': ['read', 'create', 'revoke'],
  agents: ['read', 'create', 'update', 'delete', 'publish', 'run'],
  runs: ['read', 'cancel', 'delete'],
  connections: ['read', 'create', 'delete', 'use'],
  webhooks: ['read', 'create', 'update', 'delete', 'rotate-secret', 'replay'],
  audit: ['read', 'export', 'verify'],
  quotas: ['read', 'update'],
  usage: ['read'],
  'kill-switch': ['read', 'engage', 'release'],
} as const;

export type Resource = keyof typeof PERMISSION_CATALOGUE;
export type Permission = { [R in Resource]: `${R}:${(typeof PERMISSION_CATALOGUE)[R][number]}` }[Resource];

export const ALL_PERMISSIONS: readonly Permission[] = Object.entries(PERMISSION_CATALOGUE).flatMap(([resource, verbs]) =>
  verbs.map((verb) => `${resource}:${verb}` as Permission),
);

const ALL = new Set<string>(ALL_PERMISSIONS);
export function isPermission(value: string): value is Permission {
  return ALL.has(value);
}

const NEVER_FOR_KEYS: readonly Resource[] = ['org', 'members', 'invitations', 'roles', 'api-keys'];
export function isGrantableToApiKey(permission: Permission): boolean {
  return !NEVER_FOR_KEYS.includes(permission.split(':')[0] as Resource);
}
export const API_KEY_GRANTABLE_PERMISSIONS: readonly Permission[] = ALL_PERMISSIONS.filter(isGrantableToApiKey);

/** What only the owner holds: no custom role may carry these (api.md: delete and transfer are the owner's). */
export const OWNER_ONLY_PERMISSIONS: readonly Permission[] = ['org:delete', 'org:transfer'];

/**
 * What a support (impersonation) session may not do even when the user could: mint or revoke
 * credentials, change who belongs to the org or with which powers, point the org's webhooks
 * somewhere (data would flow out after the session), change its quotas or settings, give the org
 * away or delete it. Whatever it could create would outlive the session.
 */
const WITHHELD_FROM_SUPPORT = new Set<string>([
  ...OWNER_ONLY_PERMISSIONS, 'webhooks:create', 'webhooks:update', 'webhooks:rotate-secret', 'quotas:update', 'settings:update',
]);
export function isWithheldFromSupport(permission: string): boolean {
  const resource = permission.split(':')[0];
  return resource === 'api-keys' || resource === 'members' || resource === 'invitations' || resource === 'roles' || WITHHELD_FROM_SUPPORT.has(permission);
}

export const BUILT_IN_ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const reads = ALL_PERMISSIONS.filter((p) => p.endsWith(':read'));
export const BUILT_IN_ROLE_PERMISSIONS: Record<BuiltInRole, readonly Permission[]> = {
  owner: ALL_PERMISSIONS,
  admin: ALL_PERMISSIONS.filter((p) => p !== 'org:delete' && p !== 'org:transfer'),
  member: [
    ...reads.filter((p) => p !== 'audit:read'),
    'agents:run', 'runs:cancel', 'end-users:create', 'end-users:update',
    ...ALL_PERMISSIONS.filter((p) => p.startsWith('connections:') && !p.endsWith(':read')),
  ],
  viewer: reads.filter((p) => p !== 'audit:read' && p !== 'api-keys:read'),
};

export const PLATFORM_PERMISSIONS = ['platform:kill-switch', 'platform:orgs', 'platform:impersonate', 'platform:audit'] as const;
export type PlatformPermission = (typeof PLATFORM_PERMISSIONS)[number];
