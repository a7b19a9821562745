export const APPS = ['gateway', 'identity', 'tenancy', 'runs', 'audit', 'webhooks', 'runner'] as const;
export type AppName = (typeof APPS)[number];

/** Apps that own a schema and ship `dist/migrate.js` with migrations (the runner is stateless). */
export const MIGRATED_APPS: readonly AppName[] = ['gateway', 'identity', 'tenancy', 'runs', 'audit', 'webhooks'];
