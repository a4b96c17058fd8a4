import { describe, expect, it } from 'vitest';
import { quote } from '../../../src/shell/quote.js';
import type { SimCommand } from '../../../src/sim/types.js';
import { allCommands } from '../../../src/sim/commands/index.js';
import { full, newHost } from './fixture.js';

/** A stand-in sysrc so the protocol test does not depend on another engineer's command. */
const fakeSysrc: SimCommand = (ctx) => {
  const arg = ctx.argv[ctx.argv.length - 1]!;
  if (arg.startsWith('fail')) return { stdout: '', stderr: 'sysrc: unknown variable\n', code: 1 };
  return { stdout: `syslogd_flags: -s -> ${arg.split('=')[1]}\n`, stderr: '', code: 0 };
};

const wrap = (script: string): string => `/bin/sh -c ${quote(script)}`;

function step(nonce: string, i: number, command: string): string {
  return [
    `printf '@@jf:${nonce}:b:${i}\\n'; printf '@@jf:${nonce}:b:${i}\\n' >&2`,
    `( ${command} ) </dev/null`,
    'jf_rc=$?',
    `printf '\\n@@jf:${nonce}:e:${i}:%s\\n' "$jf_rc"; printf '\\n@@jf:${nonce}:e:${i}\\n' >&2`,
    '[ "$jf_rc" -eq 0 ] || exit "$jf_rc"',
  ].join('\n');
}

describe('the engine marker protocol', () => {
  const host = () => newHost({ ...allCommands, sysrc: fakeSysrc });

  it('frames each step on stdout and stderr and reports its exit code', () => {
    const script = [step('N0nce', 1, 'sysrc -f /etc/rc.conf syslogd_flags=-ss'), 'exit 0', ''].join('\n');
    expect(host().exec(wrap(script))).toEqual(
      full({
        stdout: '@@jf:N0nce:b:1\nsyslogd_flags: -s -> -ss\n\n@@jf:N0nce:e:1:0\n',
        stderr: '@@jf:N0nce:b:1\n\n@@jf:N0nce:e:1\n',
      }),
    );
  });

  it('stops at the first failing step with its exit code', () => {
    const script = [step('abc', 1, 'sysrc fail=1'), step('abc', 2, 'echo never'), 'exit 0', ''].join('\n');
    expect(host().exec(wrap(script))).toEqual(
      full({
        stdout: '@@jf:abc:b:1\n\n@@jf:abc:e:1:1\n',
        stderr: '@@jf:abc:b:1\nsysrc: unknown variable\n\n@@jf:abc:e:1\n',
        code: 1,
      }),
    );
  });

  it('runs the atomic write idiom and leaves only the final file', () => {
    const h = host();
    const r = h.exec(wrap(`t=$(mktemp /etc/.x.XXXXXX) && printf '%s' 'data' > "$t" && chmod 644 "$t" && mv -f "$t" /etc/x`));
    expect(r).toEqual(full({}));
    expect(h.state.fs['/etc/x']).toMatchObject({ kind: 'file', content: 'data', mode: 0o644 });
    expect(Object.keys(h.state.fs).filter((p) => p.startsWith('/etc/.x.'))).toEqual([]);
  });

  it('keeps a quoted value intact through the /bin/sh -c wrapping', () => {
    const value = `a'b"c $(d) \`e\` ;f\ng`;
    expect(host().exec(wrap(`printf '%s' ${quote(value)}`))).toEqual(full({ stdout: value }));
  });
});
