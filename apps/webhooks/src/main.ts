import 'reflect-metadata';
import { startTracing } from '@agentry/observability';
startTracing('webhooks');

const { startService } = await import('@agentry/messaging');
const { webhooksService } = await import('./index.js');
const service = await startService(webhooksService, process.env);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void service.close().then(() => process.exit(0)));
