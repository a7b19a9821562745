import { startTracing } from '@agentry/observability';
startTracing('identity');

const { startService } = await import('@agentry/messaging');
const { identityService } = await import('./index.js');
const service = await startService(identityService, process.env);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void service.close().then(() => process.exit(0)));
