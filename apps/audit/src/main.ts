import 'reflect-metadata';
import { startTracing } from '@agentry/observability';
startTracing('audit');

const { startService } = await import('@agentry/messaging');
const { auditService } = await import('./index.js');
const service = await startService(auditService, process.env);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void service.close().then(() => process.exit(0)));
