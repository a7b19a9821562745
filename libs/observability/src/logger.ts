import type { LoggerService, LogLevel } from '@nestjs/common';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const SECRET_PATTERNS = [/ask_live_[0-9A-Za-z]+/g, /whsec_[0-9A-Za-z+/=]+/g, /agentry_session=[^;\s]+/g];

/** Removes anything that looks like a credential before it reaches a log line. */
export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((out, re) => out.replace(re, '[redacted]'), text);
}

/** One JSON object per line, with the service name; request/org/trace ids go in `fields`. */
export class JsonLogger implements LoggerService {
  private readonly enabled: Set<LogLevel>;

  constructor(private readonly service: string, level: LogLevel = 'log') {
    this.enabled = new Set(LEVELS.slice(0, LEVELS.indexOf(level) + 1));
  }

  log(message: unknown, ...rest: unknown[]): void { this.write('log', message, rest); }
  error(message: unknown, ...rest: unknown[]): void { this.write('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]): void { this.write('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]): void { this.write('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]): void { this.write('verbose', message, rest); }
  fatal(message: unknown, ...rest: unknown[]): void { this.write('fatal', message, rest); }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (!this.enabled.has(level)) return;
    const context = typeof rest[rest.length - 1] === 'string' ? rest[rest.length - 1] : undefined;
    const fields = rest.find((r) => r && typeof r === 'object' && !(r instanceof Error));
    const error = [message, ...rest].find((r) => r instanceof Error) as Error | undefined;
    const line = {
      time: new Date().toISOString(), level, service: this.service, context,
      msg: error && message === error ? error.message : String(message),
      ...(fields as object | undefined), ...(error ? { stack: error.stack } : {}),
    };
    const out = redact(JSON.stringify(line));
    (level === 'error' || level === 'fatal' ? process.stderr : process.stdout).write(out + '\n');
  }
}
