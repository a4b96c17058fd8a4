/**
 * Secrets (passwords, passphrases, tokens) never reach output or logs: every
 * printer and the logger pass their text through one redactor.
 */
const MIN_SECRET_LENGTH = 4;

export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: unknown): void {
    if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) this.secrets.add(secret);
  }

  /** Variables whose names say they hold a secret. */
  addFromVars(vars: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(vars)) {
      if (/pass(word|phrase)?|secret|token|private/i.test(name)) this.add(value);
    }
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('********');
    return out;
  }
}
