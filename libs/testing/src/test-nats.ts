import { connectNats, deleteStreams, Namespace } from '@agentry/messaging';
import { randomBytes } from 'node:crypto';

export function natsUrl(): string {
  return process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
}

/** A namespace unique to this test run: subjects and streams of two runs never meet. */
export function testNamespace(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function deleteTestStreams(namespace: string): Promise<void> {
  const nc = await connectNats(natsUrl(), 'test-cleanup');
  try {
    await deleteStreams(nc, new Namespace(namespace));
  } finally {
    await nc.close();
  }
}
