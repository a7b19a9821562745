import { startTracing } from '@agentry/observability';
startTracing('runner');

const { startService } = await import('@agentry/messaging');
const { runnerService } = await import('./index.js');
const service = await startService(runnerService, process.env);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void service.close().then(() => process.exit(0)));
