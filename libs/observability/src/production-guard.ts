/**
 * What `AGENTRY_ENV=production` refuses to start with: settings that are only safe on a laptop.
 * The Docker image sets production; `pnpm dev`, tests and the compose file run as development.
 */
const SECRET_SETTING = /(_SECRET|_KEYS)$/;
const DEVELOPMENT_ONLY_FLAG = /_ALLOW_PRIVATE_/;
const PLACEHOLDER = /REPLACE_ME|change-me/i;

/** The text of a setting and, for base64 keys, what they decode to (placeholders hide in there too). */
function readings(value: string): string[] {
  return value.split(',').flatMap((part) => [part, Buffer.from(part, 'base64').toString('latin1')]);
}

/** One line per setting that production refuses; empty when the configuration is fit for it. */
export function productionProblems(config: object, defaults: object): string[] {
  const problems: string[] = [];
  const defaultOf = defaults as Record<string, unknown>;
  for (const [name, value] of Object.entries(config)) {
    if (SECRET_SETTING.test(name) && typeof value === 'string') {
      const developmentValues = typeof defaultOf[name] === 'string' ? (defaultOf[name] as string).split(',') : [];
      if (value.split(',').some((part) => developmentValues.includes(part))) {
        problems.push(`${name} still holds its development default: generate a real secret`);
      } else if (readings(value).some((text) => PLACEHOLDER.test(text))) {
        problems.push(`${name} is still a placeholder: generate a real secret`);
      }
    }
    if (DEVELOPMENT_ONLY_FLAG.test(name) && value === true) {
      problems.push(`${name} lets tenants reach private addresses: development and tests only`);
    }
    // Emails are not verified at signup: whoever signs one up first would hold platform:*.
    if (name === 'PLATFORM_ADMINS' && typeof value === 'string' && value.split(',').some((entry) => entry.includes('@'))) {
      problems.push('PLATFORM_ADMINS names an email; in production list user ids (usr_…): signup does not verify emails');
    }
  }
  return problems;
}
