// Baseline (b), edge side: Fastify → one NATS request → reply, no auth, no framework.
import { connect } from '@nats-io/transport-node';
import Fastify from 'fastify';

const { NATS_URL, PORT, SUBJECT, ORG_ID, APP_ID } = process.env;
const nc = await connect({ servers: NATS_URL, noAsyncTraces: true });
// COALESCE=1: the same write batching the platform's connections use (libs/messaging).
if (process.env.COALESCE === '1') (await import('../../libs/messaging/dist/nats.js')).coalesceWrites(nc);
const app = Fastify({ logger: false });
app.get('/runs/:id', async (request, reply) => {
  const msg = await nc.request(SUBJECT, JSON.stringify({ id: request.params.id, orgId: ORG_ID, applicationId: APP_ID }), { timeout: 5000 });
  const body = msg.json();
  if (!body.ok) return reply.code(404).send({ code: 'not_found' });
  return body.run;
});
await app.listen({ port: Number(PORT), host: '127.0.0.1' });
process.send?.('ready');
