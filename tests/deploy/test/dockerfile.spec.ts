import { APPS, MIGRATED_APPS } from './support/app-names.js';
import { readRepoFile, repoFileExists } from './support/repo.js';

interface Stage {
  from: string;
  name: string | undefined;
  lines: string[];
}

/** Dockerfile instructions (continuations joined, comments dropped), grouped by stage. */
function stages(text: string): Stage[] {
  const instructions = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const result: Stage[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) result.push({ from: from[1]!, name: from[2], lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

const dockerfile = readRepoFile('deploy', 'Dockerfile');
const all = stages(dockerfile);
const runtime = all.at(-1)!;
const migrate = all.find((stage) => stage.name === 'migrate');
const stageNames = new Set(all.map((stage) => stage.name).filter(Boolean));
const instruction = (stage: Stage, keyword: string) => stage.lines.filter((line) => line.toUpperCase().startsWith(`${keyword} `));

describe('deploy/Dockerfile', () => {
  it('is multi-stage, on pinned, non-latest Node 20 bookworm-slim base images', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const stage of all) {
      if (stageNames.has(stage.from)) continue;
      expect(stage.from).toMatch(/:/);
      expect(stage.from).not.toMatch(/:latest$/);
      expect(stage.from).toBe('node:20-bookworm-slim');
    }
  });

  it('uses the pnpm version pinned in the root package.json', () => {
    const packageManager = JSON.parse(readRepoFile('package.json')).packageManager as string;
    expect(packageManager).toMatch(/^pnpm@/);
    expect(dockerfile).toContain(`corepack prepare ${packageManager} --activate`);
  });

  it('installs from the lockfile, builds the selected app with its dependencies and deploys a production folder', () => {
    const text = all.flatMap((stage) => stage.lines).join('\n');
    expect(text).toMatch(/pnpm install --frozen-lockfile/);
    expect(text).toMatch(/pnpm turbo run build --filter=@agentry\/\$\{APP\}\.\.\./);
    expect(text).toMatch(/pnpm --filter=@agentry\/\$\{APP\} deploy --prod\b.*\/out/);
    // APP is validated against the list of apps.
    for (const app of APPS) expect(text).toContain(app);
  });

  it('runs the app as uid 10001 with NODE_ENV=production and AGENTRY_ENV=production, a HEALTHCHECK and `node dist/main.js`', () => {
    const users = instruction(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).toMatch(/^USER\s+10001(:10001)?$/);
    expect(runtime.lines.join('\n')).toMatch(/useradd[^\n]*--uid 10001/);
    expect(instruction(runtime, 'ENV').join(' ')).toMatch(/NODE_ENV=production/);
    expect(instruction(runtime, 'ENV').join(' ')).toMatch(/AGENTRY_ENV=production/);
    expect(instruction(runtime, 'HEALTHCHECK')).toHaveLength(1);
    expect(instruction(runtime, 'CMD')).toEqual(['CMD ["node", "dist/main.js"]']);
    // Only the production folder reaches the runtime image.
    for (const copy of instruction(runtime, 'COPY').filter((line) => line.includes('--from='))) expect(copy).toMatch(/--from=build \/out\//);
  });

  it('never runs a final image as root', () => {
    for (const stage of [runtime, migrate!]) {
      const users = instruction(stage, 'USER');
      expect(users.length).toBeGreaterThan(0);
      expect(users.at(-1)).not.toMatch(/^USER\s+(root|0)(:|$)/);
    }
  });

  it('has a migrate target that runs every migrated app’s dist/migrate.js in order', () => {
    expect(migrate).toBeDefined();
    const cmd = instruction(migrate!, 'CMD').join(' ');
    const positions = MIGRATED_APPS.map((app) => cmd.indexOf(`node apps/${app}/dist/migrate.js`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(instruction(migrate!, 'ENV').join(' ')).toMatch(/NODE_ENV=production/);
  });

  it('ships its healthcheck script and an ignore file for the repository-root context', () => {
    expect(repoFileExists('deploy', 'healthcheck.mjs')).toBe(true);
    expect(instruction(runtime, 'COPY').some((line) => line.includes('deploy/healthcheck.mjs'))).toBe(true);
    // BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile.
    const ignore = readRepoFile('deploy', 'Dockerfile.dockerignore').split(/\r?\n/).map((line) => line.trim());
    for (const pattern of ['**/node_modules', '**/dist', '.git', '**/.env']) expect(ignore).toContain(pattern);
  });
});
