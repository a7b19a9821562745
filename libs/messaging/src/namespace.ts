/**
 * Prefixes subjects and stream names so that test runs (or several platforms) can share one
 * NATS server without hearing each other. Production uses the empty namespace.
 */
export class Namespace {
  constructor(readonly value: string = '') {
    if (value && !/^[a-z0-9_-]+$/i.test(value)) throw new Error(`Invalid NATS namespace "${value}"`);
  }

  subject(subject: string): string {
    return this.value ? `${this.value}.${subject}` : subject;
  }

  /** Strips the namespace from a received subject. */
  local(subject: string): string {
    return this.value && subject.startsWith(`${this.value}.`) ? subject.slice(this.value.length + 1) : subject;
  }

  stream(name: string): string {
    return this.value ? `${this.value}_${name}` : name;
  }
}
