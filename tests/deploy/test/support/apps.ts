import { AuditConfig } from '@agentry/audit';
import { GatewayConfig } from '@agentry/gateway';
import { IdentityConfig } from '@agentry/identity';
import { RunnerConfig } from '@agentry/runner';
import { RunsConfig } from '@agentry/runs';
import { TenancyConfig } from '@agentry/tenancy';
import { WebhooksConfig } from '@agentry/webhooks';
import { loadConfig } from '@agentry/observability';
import { getMetadataStorage } from 'class-validator';

import { APPS, MIGRATED_APPS, type AppName } from './app-names.js';

export { APPS, MIGRATED_APPS, type AppName };

type ConfigClass = new () => object;

export const CONFIG_CLASSES: Record<AppName, ConfigClass> = {
  gateway: GatewayConfig,
  identity: IdentityConfig,
  tenancy: TenancyConfig,
  runs: RunsConfig,
  audit: AuditConfig,
  webhooks: WebhooksConfig,
  runner: RunnerConfig,
};

export type Env = Record<string, string>;

/** Every property of a config class: the env var names it reads (inherited ones included). */
export function configProperties(app: AppName): Set<string> {
  const cls = CONFIG_CLASSES[app];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', false, false);
  const names = new Set(metadata.map((m) => m.propertyName));
  for (const key of Object.keys(new cls())) names.add(key);
  return names;
}

/** Validates an environment against the app's config class, exactly as the app does at start-up. */
export function validatedConfig(app: AppName, env: Env): Record<string, unknown> {
  return loadConfig(CONFIG_CLASSES[app], env) as Record<string, unknown>;
}

/** Where the app serves /healthz, /readyz and /metrics: the gateway on PORT, services on HEALTH_PORT. */
export function healthPortOf(app: AppName, config: Record<string, unknown>): number {
  return Number(app === 'gateway' ? config.PORT : config.HEALTH_PORT);
}

/** Names of config properties that hold secrets: they must be set explicitly, never left to the class default. */
export function secretProperties(app: AppName): string[] {
  return [...configProperties(app)].filter((name) => /(SECRET|KEYS?|PASSWORD|TOKEN)$/.test(name));
}

/** `*_ALLOW_*` switches open development-only doors (private URLs, local commands): off in production. */
export function allowSwitches(app: AppName): string[] {
  return [...configProperties(app)].filter((name) => /_ALLOW_/.test(name));
}

/**
 * The settings a production deployment must give explicitly (not rely on class defaults that
 * point at localhost or migrate from every replica).
 */
export function requiredExplicitSettings(app: AppName): Record<string, string | null> {
  const required: Record<string, string | null> = { NATS_URL: null, MIGRATE_ON_START: 'false' };
  if (MIGRATED_APPS.includes(app)) required.DATABASE_URL = null;
  if (app === 'gateway') {
    required.PORT = null;
    required.REDIS_URL = null;
  } else {
    required.HEALTH_PORT = null;
  }
  for (const name of secretProperties(app)) required[name] = null;
  return required;
}

/** Boolean settings (every config property has a default, so the type shows on an instance). */
export function booleanProperties(app: AppName): string[] {
  const defaults = new CONFIG_CLASSES[app]() as Record<string, unknown>;
  return Object.keys(defaults).filter((name) => typeof defaults[name] === 'boolean');
}
