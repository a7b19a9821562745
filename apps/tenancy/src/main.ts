import 'reflect-metadata';
import { startTracing } from '@agentry/observability';
startTracing('tenancy');

const { startService } = await import('@agentry/messaging');
const { tenancyService } = await import('./index.js');
const service = await startService(tenancyService, process.env);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void service.close().then(() => process.exit(0)));
