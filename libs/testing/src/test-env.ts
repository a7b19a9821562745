import type { TestDatabase } from './test-database.js';
import { natsUrl } from './test-nats.js';

/** The environment a service gets in tests: its own database and namespace, quiet logs, random ports. */
export function serviceTestEnv(db: TestDatabase, namespace: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: db.url,
    NATS_URL: natsUrl(),
    NATS_NAMESPACE: namespace,
    HEALTH_PORT: '0',
    HEALTH_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    DB_POOL_SIZE: '4',
    CURSOR_SECRET: 'test-cursor-secret-0123456789abcdef',
    ...extra,
  };
}
