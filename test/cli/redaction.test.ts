/**
 * Secrets never reach output or logs (README "Security"; issue 19): every
 * variable whose name says it holds a secret (*pass*, *passphrase*,
 * *secret*, *token*, *private*), and the values of JAILFLEET_SSH_PASSPHRASE
 * and JAILFLEET_BECOME_PASSWORD, are masked in stdout, stderr, --json and
 * --log-file — here where a task prints them in its diff, in a command's
 * output and in a failure's stderr.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { scratchProject } from '../helpers/cli.js';

const SECRETS = {
  ssh_passphrase: 'pp-0a1b2c3d4e',
  api_secret: 'sec-5f6a7b8c9d',
  vault_token: 'tok-1e2f3a4b5c',
  tls_private: 'prv-6d7e8f9a0b',
  admin_pass: 'pw-c1d2e3f4a5',
};
const ENV = { JAILFLEET_SSH_PASSPHRASE: 'env-ssh-9f8e7d6c', JAILFLEET_BECOME_PASSWORD: 'env-become-5b4a3f2e' };

describe('redaction', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());

  it('masks every secret-named variable and both secret environment variables, everywhere', async () => {
    const vars = Object.entries(SECRETS).map(([k, v]) => `      ${k}: ${v}\n`).join('');
    writeFileSync(join(project.dir, 'inventory/secret.yml'), `all:\n  hosts:\n    old1:\n      transport: sim\n      host_ip: 192.0.2.11\n${vars}      plain_words: "${ENV.JAILFLEET_BECOME_PASSWORD} ${ENV.JAILFLEET_SSH_PASSPHRASE}"\n`);
    const everySecret = [...Object.keys(SECRETS).map((k) => `{{ ${k} }}`), '{{ plain_words }}'].join(' ');
    writeFileSync(
      join(project.dir, 'playbooks/secret.yml'),
      `- hosts: all\n  tasks:\n    - name: in a diff\n      copy: { dest: /root/s.txt, content: "${everySecret}\\n" }\n` +
        `    - name: in a command's output\n      command: { cmd: "echo ${everySecret}" }\n` +
        `    - name: in a failure\n      command: { cmd: "echo ${everySecret} >&2; exit 3" }\n`,
    );
    let out = '';
    let err = '';
    const log = join(project.dir, 'run.log');
    const code = await runCli(['apply', 'playbooks/secret.yml', '-i', 'inventory/secret.yml', '--json', '--diff', '-vv', '--log-file', log], {
      out: (t) => (out += t),
      err: (t) => (err += t),
      isTTY: false,
      cwd: project.dir,
      env: ENV,
    });
    expect(code).toBe(1);
    const everything = out + err + readFileSync(log, 'utf8');
    for (const secret of [...Object.values(SECRETS), ...Object.values(ENV)]) expect(everything).not.toContain(secret);
    // The masks are there, where the values were: in the diff, the output and the failure.
    expect(out).toMatch(/"task":"in a failure".*"stderr":"(\*{8} ){6}\*{8}\\n"/);
    expect(everything.split('********').length).toBeGreaterThan(14);
  });
});
