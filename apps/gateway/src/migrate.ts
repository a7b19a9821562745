import { loadConfig } from '@agentry/observability';
import { createServiceDataSource, migrate } from '@agentry/persistence';
import { GatewayConfig } from './config/gateway.config.js';
import { gatewayMigrations } from './database/migrations/index.js';

const config = loadConfig(GatewayConfig, process.env);
const dataSource = createServiceDataSource({ url: config.DATABASE_URL, schema: 'gateway', migrations: gatewayMigrations });
const applied = await migrate(dataSource, 'gateway');
await dataSource.destroy();
process.stdout.write(`gateway: ${applied} migration(s) applied\n`);
