import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './fixture.js';

const cases: Case[] = [
  ['echo a; echo b\necho c', { stdout: 'a\nb\nc\n' }],
  ['true && echo yes; false && echo no; false || echo or; true || echo never', { stdout: 'yes\nor\n' }],
  ['true && false || echo recovered', { stdout: 'recovered\n' }],
  ['! true; echo $?; ! false; echo $?', { stdout: '1\n0\n' }],
  ['if false; then echo a; elif true; then echo b; else echo c; fi', { stdout: 'b\n' }],
  ['if false; then echo a; fi; echo $?', { stdout: '0\n' }],
  ['i=0; while [ $i -lt 3 ]; do i=$((i+1)); [ $i -eq 2 ] && continue; echo $i; done', { stdout: '1\n3\n' }],
  ['i=0; until [ $i -ge 2 ]; do i=$((i+1)); echo $i; done', { stdout: '1\n2\n' }],
  ['for i in 1 2 3; do for j in a b; do [ $j = b ] && break 2; echo $i$j; done; done', { stdout: '1a\n' }],
  ['set -- x y; for a; do echo $a; done', { stdout: 'x\ny\n' }],
  // break and continue exit 0 (bin/sh/eval.c breakcmd: return 0): a loop whose last iteration ends in them exits 0,
  // whatever ran before them (a `[ -f "$f" ] || continue` over a glob that matched nothing).
  ['for f in /nonexistent/*.conf; do [ -f "$f" ] || continue; echo $f; done; echo $?', { stdout: '0\n' }],
  ['for i in 1 2; do false; break; done; echo $?; while :; do false || break; done; echo $?', { stdout: '0\n0\n' }],
  ['case "x.conf" in *.txt|*.md) echo doc;; *.conf) echo conf;; esac', { stdout: 'conf\n' }],
  ['case b in a) echo a;; [bc]) echo bc;; esac; case z in a) ;; esac; echo $?', { stdout: 'bc\n0\n' }],
  ['case a in (a) echo paren;; esac', { stdout: 'paren\n' }],
  ['f() { echo "$#:$1-$2"; shift; echo "$*"; return 3; }; f a "b c" d; echo $?', { stdout: '3:a-b c\nb c d\n3\n' }],
  ['f() { echo ${1:-none}; }; f; f ""; f x', { stdout: 'none\nnone\nx\n' }],
  ['f() { local x=in; echo $x; }; x=out; f; echo $x', { stdout: 'in\nout\n' }],
  ['local x=1', { stderr: 'local: Not in a function\n', code: 2 }],
  ['f() { echo in-f; }; command -v f; type f', { stdout: 'f\nf is a shell function\n' }],
  ['x=1; (x=2; echo $x); echo $x; { x=3; }; echo $x', { stdout: '2\n1\n3\n' }],
  ['(exit 3); echo $?; (cd /tmp); pwd', { stdout: '3\n/root\n' }],
  ['echo a | { read -r x; echo "got $x"; }; echo "x=$x"', { stdout: 'got a\nx=\n' }],
  ["printf 'l1\\nl2\\n' | while read -r l; do echo \"<$l>\"; done", { stdout: '<l1>\n<l2>\n' }],
  ['set -o pipefail; false | true; echo $?; set +o pipefail; false | true; echo $?', { stdout: '1\n0\n' }],
  ['nosuch | cat; echo $?', { stdout: '0\n', stderr: 'sh: nosuch: not found\n' }],
  ['exit 5; echo no', { code: 5 }],
  ['set -e; if false; then :; fi; false || true; ! true; echo survived; false; echo no', { stdout: 'survived\n', code: 1 }],
  ['set -e; f() { false; echo inside; }; f || echo caught', { stdout: 'inside\n' }],
  ['set -e; (false); echo no', { code: 1 }],
  ['set -e; x=$(false); echo no', { code: 1 }],
  ['set -u; echo $nope; echo after', { stderr: 'sh: nope: parameter not set\n', code: 2 }],
  ['trap \'echo bye $?\' EXIT; echo hi; exit 3', { stdout: 'hi\nbye 3\n', code: 3 }],
  ["(trap 'echo sub-bye' EXIT; echo in); echo out", { stdout: 'in\nsub-bye\nout\n' }],
  ['trap "" INT TERM HUP; echo ok', { stdout: 'ok\n' }],
  ["eval 'y=7; echo $y'; echo $y", { stdout: '7\n7\n' }],
  ['x=5; readonly x; x=6; echo after', { stderr: 'sh: x: is read only\n', code: 2 }],
  ['shift 3', { stderr: "shift: can't shift that many\n", code: 2 }],
  ['export A=1; sh -c \'echo $A $B\'; B=2 sh -c \'echo $B\'; echo "[$B]"', { stdout: '1\n2\n[]\n' }],
  ['x=1; unset x; echo "[${x-unset}]"', { stdout: '[unset]\n' }],
  ['a=1 b=$a; echo $b', { stdout: '1\n' }],
  ['pwd; cd /tmp && pwd; cd /nope; echo $?; cd; pwd', { stdout: '/root\n/tmp\n2\n/root\n', stderr: 'cd: /nope: No such file or directory\n' }],
  ['umask; umask 077; umask', { stdout: '0022\n0077\n' }],
  ['echo $$ $0; sleep 1 & echo "bg=$!"; wait', { stdout: '1000 sh\nbg=1001\n' }],
  ['command -v printf cat; command -v nosuch; echo $?; type cd exit', { stdout: 'printf\n/bin/cat\n127\ncd is a shell builtin\nexit is a special shell builtin\n' }],
  ['exec 2>/dev/null; nosuch; echo $?', { stdout: '127\n' }],
  ['exec echo replaced; echo never', { stdout: 'replaced\n' }],
  ['read -r a b <<EOF\none two three\nEOF\necho "$a|$b"', { stdout: 'one|two three\n' }],
  [': ; true; echo $?; false; echo $?', { stdout: '0\n1\n' }],
  ["printf 'v=sourced\\nreturn 4\\necho never\\n' > /tmp/inc; . /tmp/inc; echo \"$v $?\"", { stdout: 'sourced 4\n' }],
  ['command echo via-command; f() { echo func; }; command f; echo $?', { stdout: 'via-command\n127\n', stderr: 'sh: f: not found\n' }],
];

describe('control flow and builtins', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});
