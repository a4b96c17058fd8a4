import { describe, expect, it } from 'vitest';
import { parseWebhookUrl, scrub } from '../../src/reconcile/webhook-url.js';

describe('webhook URL: what is sent, what may be logged', () => {
  it('an ordinary URL is shown as it is', () => {
    const t = parseWebhookUrl('https://alerts.example.org:8443/hooks/jailfleet');
    expect(t).toEqual({ url: 'https://alerts.example.org:8443/hooks/jailfleet', headers: {}, display: 'https://alerts.example.org:8443/hooks/jailfleet', secrets: [] });
  });

  it('masks user:password, token-like path segments and every query value', () => {
    const t = parseWebhookUrl('https://bot:pa55word@hooks.example.com/services/T0001/B0002/abcdefghijklmnopqrstuvwx?token=tok-123456&x=1#frag');
    expect(t.url).toBe('https://hooks.example.com/services/T0001/B0002/abcdefghijklmnopqrstuvwx?token=tok-123456&x=1#frag');
    expect(t.headers).toEqual({ Authorization: `Basic ${Buffer.from('bot:pa55word').toString('base64')}` });
    expect(t.display).toBe('https://********@hooks.example.com/services/T0001/B0002/********?token=********&x=********');
    expect(t.secrets).toEqual(expect.arrayContaining(['pa55word', 'abcdefghijklmnopqrstuvwx', 'tok-123456']));
  });

  it('scrub masks every secret in a message, the longest first', () => {
    const t = parseWebhookUrl('https://h.example/api/webhooks/123456789012345678/SECRETtoken42abc?sig=abcd');
    const msg = `POST ${t.url} failed`;
    expect(scrub(msg, t)).toBe('POST https://h.example/api/webhooks/********/********?sig=******** failed');
  });
});
