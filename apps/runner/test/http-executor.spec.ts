import { loadConfig } from '@agentry/observability';
import { RunnerConfig } from '../src/config/runner.config.js';
import type { ExecutionContext } from '../src/executors/executor.js';
import { isForbiddenAddress } from '@agentry/outbound';
import { publicOnlyLookup } from '../src/executors/http/address-guard.js';
import { HttpExecutor } from '../src/executors/http/http.executor.js';

function context(): ExecutionContext {
  return {
    runId: 'run_01JRUNRUNRUNRUNRUNRUNRUNRU', agentId: 'agt_01JAGTAGTAGTAGTAGTAGTAGTAG', input: {}, endUserId: null, connections: [],
    signal: new AbortController().signal, remainingMs: () => 5000, emit: async () => undefined,
  };
}

describe('http executor: only public addresses unless RUNNER_ALLOW_PRIVATE_URLS', () => {
  const strict = new HttpExecutor(loadConfig(RunnerConfig, {}));

  it('defaults to refusing private URLs', () => {
    expect(loadConfig(RunnerConfig, {}).RUNNER_ALLOW_PRIVATE_URLS).toBe(false);
    expect(loadConfig(RunnerConfig, { RUNNER_ALLOW_PRIVATE_URLS: 'false' }).RUNNER_ALLOW_PRIVATE_URLS).toBe(false);
    expect(loadConfig(RunnerConfig, { RUNNER_ALLOW_PRIVATE_URLS: 'true' }).RUNNER_ALLOW_PRIVATE_URLS).toBe(true);
  });

  it.each([
    'http://127.0.0.1:8080/run', 'http://localhost/run', 'http://[::1]/run', 'http://10.1.2.3/run', 'http://192.168.0.10/run',
    'http://172.20.0.1/run', 'http://169.254.169.254/latest/meta-data', 'http://[::ffff:127.0.0.1]/run', 'http://[fd00::1]/run', 'http://0.0.0.0/',
    'http://[::127.0.0.1]/run', 'http://[2002:7f00:1::]/run', 'http://app.localhost/run',
  ])('refuses %s before connecting', async (url) => {
    await expect(strict.execute({ kind: 'http', url }, context())).rejects.toMatchObject({ code: 'url_not_allowed' });
  });

  it('classifies addresses', () => {
    for (const address of ['127.0.0.1', '10.0.0.1', '100.64.0.1', '169.254.1.1', '::1', 'fe80::1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect(isForbiddenAddress(address)).toBe(true);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111']) expect(isForbiddenAddress(address)).toBe(false);
  });

  it('refuses a name that resolves to a non-public address at connection time', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => publicOnlyLookup('localhost', {}, (e) => resolve(e)));
    expect(error).toMatchObject({ name: 'BlockedAddressError', code: 'EBLOCKED' });
  });
});

describe('runner config flags', () => {
  it('reads "false" as false and "true" as true', () => {
    expect(loadConfig(RunnerConfig, { RUNNER_ALLOW_COMMAND: 'false' }).RUNNER_ALLOW_COMMAND).toBe(false);
    expect(loadConfig(RunnerConfig, { RUNNER_ALLOW_COMMAND: 'true' }).RUNNER_ALLOW_COMMAND).toBe(true);
    expect(loadConfig(RunnerConfig, {}).RUNNER_ALLOW_COMMAND).toBe(false);
    expect(loadConfig(RunnerConfig, {}).RUNNER_CONCURRENCY).toBe(8);
  });
});

describe('MIGRATE_ON_START', () => {
  it('reads "false" as false in both apps', async () => {
    const { RunsConfig } = await import('@agentry/runs');
    expect(loadConfig(RunnerConfig, { MIGRATE_ON_START: 'false' }).MIGRATE_ON_START).toBe(false);
    expect(loadConfig(RunsConfig, { MIGRATE_ON_START: 'false' }).MIGRATE_ON_START).toBe(false);
    expect(loadConfig(RunsConfig, { MIGRATE_ON_START: 'true' }).MIGRATE_ON_START).toBe(true);
    expect(loadConfig(RunsConfig, {}).MIGRATE_ON_START).toBe(true);
  });
});
