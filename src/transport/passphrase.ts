/** The environment variable a key passphrase is read from (never argv). */
export const PASSPHRASE_ENV = 'JAILFLEET_SSH_PASSPHRASE';

export function passphraseFromEnv(envName: string = PASSPHRASE_ENV, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[envName];
  return value === undefined || value === '' ? undefined : value;
}
