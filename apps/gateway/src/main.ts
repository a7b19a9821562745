import { startTracing } from '@agentry/observability';
startTracing('gateway');

const { startGateway } = await import('./start-gateway.js');
const gateway = await startGateway(process.env);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void gateway.close().then(() => process.exit(0)));
