#!/usr/bin/env node
// Summarizes a V8 .cpuprofile: self time by function and by package, top N.
import { readFileSync } from 'node:fs';

// usage: node bench/profile-summary.js FILE [TOP] [SKIP_SECONDS] — SKIP_SECONDS drops start-up samples.
const [file, topArg, skipArg] = process.argv.slice(2);
const top = Number(topArg ?? 30);
const skipUs = Number(skipArg ?? 0) * 1e6;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
let elapsed = 0;
profile.samples.forEach((id, i) => {
  elapsed += dt[i] ?? 0;
  if (elapsed >= skipUs) self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map();
const pkg = new Map();
for (const [id, t] of self) {
  const { callFrame } = byId.get(id);
  const where = callFrame.url.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/^file:\/\/.*\/(apps|libs)\//, '$1/');
  const key = `${callFrame.functionName || '(anon)'} ${where}:${callFrame.lineNumber}`;
  fn.set(key, (fn.get(key) ?? 0) + t);
  const p = where.startsWith('@') ? where.split('/').slice(0, 2).join('/') : where.split('/')[0] || callFrame.functionName;
  pkg.set(p, (pkg.get(p) ?? 0) + t);
}
const show = (m, title) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${((t / total) * 100).toFixed(1).padStart(5)}%  ${k}\n`);
};
show(pkg, 'self time by package');
show(fn, 'self time by function');
