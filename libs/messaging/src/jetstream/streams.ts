import { Streams } from '@agentry/contracts';
import { jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Namespace } from '../namespace.js';

/**
 * Creates the platform's streams, or brings an existing one to `replicas` (JetStream moves the
 * data itself). Safe to call from every service at start-up. A NATS cluster with fewer JetStream
 * servers than `replicas` refuses, and start-up fails with its message.
 */
export async function ensureStreams(nc: NatsConnection, ns: Namespace, replicas = 1): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const wanted = [
    { name: ns.stream(Streams.events.name), subjects: Streams.events.subjects.map((s) => ns.subject(s)), retention: RetentionPolicy.Limits },
    { name: ns.stream(Streams.runJobs.name), subjects: Streams.runJobs.subjects.map((s) => ns.subject(s)), retention: RetentionPolicy.Workqueue },
  ];
  for (const stream of wanted) {
    const existing = await jsm.streams.info(stream.name).catch(() => undefined);
    if (existing) {
      if (existing.config.num_replicas !== replicas) await jsm.streams.update(stream.name, { num_replicas: replicas });
      continue;
    }
    try {
      await jsm.streams.add({
        ...stream,
        storage: StorageType.File,
        num_replicas: replicas,
        duplicate_window: 2 * 60 * 1_000_000_000, // 2 minutes, in nanoseconds
        max_age: stream.retention === RetentionPolicy.Limits ? 7 * 24 * 3600 * 1_000_000_000 : 0,
      });
    } catch (error) {
      // Another service created it between our info and add.
      if (!/already in use|exists/i.test((error as Error).message)) throw error;
    }
  }
}

/** Deletes every stream of a namespace (test clean-up). */
export async function deleteStreams(nc: NatsConnection, ns: Namespace): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const name of [Streams.events.name, Streams.runJobs.name]) {
    await jsm.streams.delete(ns.stream(name)).catch(() => false);
  }
}
