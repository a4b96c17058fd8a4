import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './fixture.js';

const cases: Case[] = [
  [`v='it'"'"'s "q" $(x) \`y\` ; z\nline2'; printf '%s' "$v"`, { stdout: 'it\'s "q" $(x) `y` ; z\nline2' }],
  [`printf '%s' 'a;b|c&d>e<f'`, { stdout: 'a;b|c&d>e<f' }],
  [`echo "a\\$b\\"c\\\\d\\e"`, { stdout: 'a$b"c\\d\\e\n' }],
  [`echo 'single \\n' "double \\n"`, { stdout: 'single \\n double \\n\n' }],
  [`echo "\${HOME}" '\${HOME}' \\\${HOME}`, { stdout: '/root ${HOME} ${HOME}\n' }],
  [`echo a\\\nb`, { stdout: 'ab\n' }],
  [`x='a  b'; printf '[%s]' $x "$x"`, { stdout: '[a][b][a  b]' }],
  [`x=''; set -- $x; echo $#; set -- "$x"; echo $#`, { stdout: '0\n1\n' }],
  [`IFS=:; x='a::b'; printf '[%s]' $x`, { stdout: '[a][][b]' }],
  [`set -- a 'b c' ''; for a in "$@"; do printf '[%s]' "$a"; done; for a in $@; do printf '<%s>' "$a"; done; printf '{%s}' "$*"`, { stdout: '[a][b c][]<a><b><c>{a b c }' }],
  [`set --; for a in "$@"; do echo never; done; echo "[$@]"`, { stdout: '[]\n' }],
  [`echo \`echo \\\`echo nested\\\`\``, { stdout: 'nested\n' }],
  [`echo ~ ~/x ~root "~"`, { stdout: '/root /root/x /root ~\n' }],
  [`x="a b"; case $x in "a b") echo quoted;; esac; p='a*'; case abc in $p) echo pattern;; esac; case abc in "$p") echo no;; *) echo literal;; esac`, { stdout: 'quoted\npattern\nliteral\n' }],
  [`echo "$(printf 'a\\n\\n\\n')" end`, { stdout: 'a end\n' }],
  [`echo $(echo '$(not run)' '\`nor this\`')`, { stdout: '$(not run) `nor this`\n' }],
];

describe('quoting', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });

  it('passes a value with every special character through printf byte for byte, running nothing', () => {
    const value = `it's "quoted" $(touch /tmp/pwned) \`touch /tmp/pwned2\` ; rm -rf / \n\ttab \\ back $HOME`;
    const script = `printf '%s' '${value.replace(/'/g, `'\\''`)}'; ls /tmp`;
    expect(sh(script)).toEqual(full({ stdout: value }));
  });
});
