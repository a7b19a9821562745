import { startTracing } from '@agentry/observability';
startTracing('runs');

const { startService } = await import('@agentry/messaging');
const { runsService } = await import('./index.js');
const service = await startService(runsService, process.env);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void service.close().then(() => process.exit(0)));
