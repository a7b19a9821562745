// Baseline (b), service side: a hand-written NATS responder doing the PostgreSQL read.
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { RUN_SQL, runJson } from './run-query.js';

const { DATABASE_URL, NATS_URL, SUBJECT } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
const nc = await connect({ servers: NATS_URL, noAsyncTraces: true });
// COALESCE=1: the same write batching the platform's connections use (libs/messaging).
if (process.env.COALESCE === '1') (await import('../../libs/messaging/dist/nats.js')).coalesceWrites(nc);
nc.subscribe(SUBJECT, {
  queue: 'bench',
  callback: (_err, msg) => {
    const { id, orgId, applicationId } = msg.json();
    pool.query({ name: 'get-run', text: RUN_SQL, values: [id, orgId, applicationId] }).then(
      ({ rows }) => msg.respond(JSON.stringify(rows[0] ? { ok: true, run: runJson(rows[0]) } : { ok: false })),
      () => msg.respond(JSON.stringify({ ok: false })),
    );
  },
});
await nc.flush();
process.send?.('ready');
