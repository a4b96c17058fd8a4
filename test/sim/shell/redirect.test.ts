import { describe, expect, it } from 'vitest';
import { full, newHost, sh, type Case } from './fixture.js';

const cases: Case[] = [
  ['echo one >&2; echo two 2>&1 >/dev/null; echo three 2>/dev/null >&2; echo four 1>&2', { stderr: 'one\nfour\n' }],
  ['{ echo a; echo b >&2; } >/tmp/o 2>&1; cat /tmp/o', { stdout: 'a\nb\n' }],
  ['echo x > /tmp/f; echo y >> /tmp/f; cat < /tmp/f', { stdout: 'x\ny\n' }],
  ['echo x 3>/tmp/three; echo to-three >&3; echo $?', { stdout: 'x\n2\n', stderr: 'sh: 3: Bad file descriptor\n' }],
  ['cat </dev/null; echo data >/dev/null; echo $?', { stdout: '0\n' }],
  ['rm -rf /dev; cat </dev/null; echo gone >/dev/null; echo ok', { stdout: 'ok\n' }],
  ['echo hi > /etc; echo $?', { stdout: '2\n', stderr: 'sh: cannot create /etc: Is a directory\n' }],
  ['echo hi > /no/dir/f; echo $?', { stdout: '2\n', stderr: 'sh: cannot create /no/dir/f: No such file or directory\n' }],
  ['cat < /nofile; echo $?', { stdout: '2\n', stderr: 'sh: cannot open /nofile: No such file or directory\n' }],
  ['cat <<EOF\nhi $HOME $(echo sub) \\$x\nEOF', { stdout: 'hi /root sub $x\n' }],
  ["cat <<'EOF'\nhi $HOME \\$x `x`\nEOF", { stdout: 'hi $HOME \\$x `x`\n' }],
  ['cat <<-EOF\n\ttab stripped\n\t\tboth\n\tEOF', { stdout: 'tab stripped\nboth\n' }],
  ['cat <<A; cat <<B\na body\nA\nb body\nB', { stdout: 'a body\nb body\n' }],
  ['while read -r a; do echo "[$a]"; done <<EOF\nfirst\nsecond\nEOF', { stdout: '[first]\n[second]\n' }],
  ['if true; then echo in-if; fi > /tmp/if; for i in 1 2; do echo $i; done > /tmp/for; cat /tmp/if /tmp/for', { stdout: 'in-if\n1\n2\n' }],
  ['f() { echo from-f; } >/tmp/ff; f; cat /tmp/ff', { stdout: 'from-f\n' }],
  ['printf "%s\\n" a b | cat - ; echo -n x; echo y', { stdout: 'a\nb\nxy\n' }],
  ['exec >/tmp/log; echo a; echo b >&2; cat /tmp/log >&2', { stderr: 'b\na\n' }],
  ['echo "$(echo ")")" $(case x in x) echo in-case;; esac)', { stdout: ') in-case\n' }],
];

describe('redirections and here-documents', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });

  it('writes files through redirections with mode 644, owned by root', () => {
    const host = newHost();
    host.exec('printf abc > /tmp/new');
    expect(host.state.fs['/tmp/new']).toMatchObject({ kind: 'file', content: 'abc', mode: 0o644, uid: 0, gid: 0 });
  });

  it('feeds exec stdin to the script only when a command reads it', () => {
    expect(newHost().exec('echo first; cat; cat', { stdin: 'input\n' })).toEqual(full({ stdout: 'first\ninput\n' }));
  });

  it('handles a multi-megabyte here-document', () => {
    const body = 'x'.repeat(100).concat('\n').repeat(20000);
    const r = newHost().exec(`cat > /tmp/big <<'EOF'\n${body}EOF\nwc -c < /tmp/big`);
    expect(r).toEqual(full({ stdout: `${String(body.length).padStart(8)}\n` }));
  });
});
