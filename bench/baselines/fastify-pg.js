// Baseline (a): a bare Fastify handler doing the same PostgreSQL read, no auth, no NATS.
import Fastify from 'fastify';
import pg from 'pg';
import { RUN_SQL, runJson } from './run-query.js';

const { DATABASE_URL, PORT, ORG_ID, APP_ID } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
app.get('/runs/:id', async (request, reply) => {
  const { rows } = await pool.query({ name: 'get-run', text: RUN_SQL, values: [request.params.id, ORG_ID, APP_ID] });
  if (!rows[0]) return reply.code(404).send({ code: 'not_found' });
  return runJson(rows[0]);
});
await app.listen({ port: Number(PORT), host: '127.0.0.1' });
process.send?.('ready');
