/**
 * Prints a development bearer token signed with the service's own HS256 secret (JWT_SECRET, or
 * the one generated into DATA_DIR), and nothing else, so it can be captured:
 *   TOKEN=$(npm run --silent token -- --role investigator --force west-yorkshire)
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { ROLES, Role } from '../auth/principal';
import { loadOrCreateDevSecret } from '../auth/dev-secret';
import { signDevToken } from '../auth/token.service';
import { ConfigError, loadConfig } from '../config/app-config';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function collectRole(value: string, previous: Role[] = []): Role[] {
  if (!(ROLES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  }
  return [...previous, value as Role];
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

function lifetime(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value);
  if (!match || Number(match[1]) === 0) throw new InvalidArgumentError('must be a whole number and a unit, e.g. 30m, 12h or 7d');
  return Number(match[1]) * UNIT_SECONDS[match[2]];
}

function slug(value: string): string {
  if (!SLUG.test(value)) throw new InvalidArgumentError('must be a slug such as west-yorkshire');
  return value;
}

async function main(): Promise<void> {
  const program = new Command('token')
    .description('Print a development JWT for this service (HS256, signed with JWT_SECRET or DATA_DIR/jwt-secret)')
    .addOption(new Option('--role <role>', `role, repeat for several: ${ROLES.join(', ')}`).argParser(collectRole).makeOptionMandatory())
    .requiredOption('--force <slug>', 'the force the caller belongs to, e.g. west-yorkshire', slug)
    .option('--sub <subject>', 'the caller (an officer or staff id)', 'dev-user')
    .option('--expires-in <duration>', 'lifetime, e.g. 30m, 12h, 7d', lifetime, 12 * 3600)
    .showHelpAfterError();
  program.parse();
  const options = program.opts<{ role: Role[]; force: string; sub: string; expiresIn: number }>();

  const config = loadConfig();
  if (config.jwt.jwksUrl || config.jwt.publicKey) {
    throw new Error('JWT_JWKS_URL or JWT_PUBLIC_KEY is set: the service checks tokens from your identity provider, so a development token would be refused');
  }
  const secret = loadOrCreateDevSecret(config.dataDir, config.jwt.secret);
  const token = await signDevToken(secret, { sub: options.sub, roles: options.role, force: options.force }, options.expiresIn);
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
