/**
 * The `--webhook URL` as three things: where to POST (credentials moved out
 * of the URL into an Authorization header, as fetch refuses URLs that carry
 * them), what may be printed (secrets replaced by ********), and the secrets
 * themselves for the run's Redactor. Webhook URLs often carry their secret in
 * the path (Slack's /services/T…/B…/X…, Discord's /webhooks/ID/TOKEN) or in
 * the query (?token=…), so those are masked too, not just user:password@.
 */
import { InputError } from '../errors.js';

export const MASK = '********';

export interface WebhookTarget {
  /** The URL to POST to, without user:password. */
  url: string;
  /** Basic auth from user:password in the URL, if any. */
  headers: Record<string, string>;
  /** Safe to log. */
  display: string;
  /** Every secret part of the URL (for Redactor.add). */
  secrets: string[];
}

/** A path segment that looks like a token rather than a word: long, or letters mixed with digits. */
// Below this length a "secret" would mask ordinary words in messages (as Redactor does).
const MIN_SECRET_LENGTH = 4;

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const looksSecret = (segment: string): boolean => segment.length >= 16 || (segment.length >= 8 && /\d/.test(segment) && /[A-Za-z]/.test(segment));

export function parseWebhookUrl(raw: string): WebhookTarget {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new InputError('--webhook: not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new InputError(`--webhook: expected an http or https URL, got ${u.protocol}`);
  const secrets: string[] = [];
  const headers: Record<string, string> = {};
  const user = decode(u.username);
  const password = decode(u.password);
  if (user || password) {
    headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    secrets.push(...[u.username, u.password, user, password].filter(Boolean));
  }
  u.username = '';
  u.password = '';
  const url = u.toString();

  const shown = new URL(url);
  shown.pathname = shown.pathname
    .split('/')
    .map((seg) => {
      if (!looksSecret(decode(seg))) return seg;
      secrets.push(seg, decode(seg));
      return MASK;
    })
    .join('/');
  const query = [...shown.searchParams.entries()];
  for (const [, value] of query) if (value) secrets.push(value, encodeURIComponent(value));
  const search = query.map(([key]) => `${encodeURIComponent(key)}=${MASK}`).join('&');
  const auth = user || password ? `${MASK}@` : '';
  const display = `${shown.protocol}//${auth}${shown.host}${shown.pathname}${search ? `?${search}` : ''}`;
  return { url, headers, display, secrets: [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH) };
}

/** Masks every secret of the URL in a message (an error text may quote the URL). */
export function scrub(text: string, target: Pick<WebhookTarget, 'secrets'>): string {
  // Longest first: a secret that contains another must be masked whole.
  const secrets = [...target.secrets].sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of secrets) out = out.split(s).join(MASK);
  return out;
}
