import { it } from 'vitest';
import { sh } from '/work/main/test/sim/shell/fixture.js';
it('smoke', () => {
  for (const s of [
    'echo hello world',
    'x=1; echo "$x ${x:-no} ${y:-def}"; printf "%s|%d\\n" a 5 b 6',
    'f() { echo "args:$# $1 $2"; return 3; }; f a "b c"; echo $?',
    'for i in 1 2 3; do echo $i; done | cat',
    'case abc in a*) echo yes;; *) echo no;; esac',
    'cat <<EOF\nhi $HOME\nEOF\ncat <<\'EOF\'\nhi $HOME\nEOF',
    'set -e; false; echo no',
    '( x=2; exit 3 ); echo $? $x',
    '[[ a ]]',
    'if true; then echo a; fi; fi',
    'echo $((1+2*3)) $(echo sub) `echo bq`',
    'nope',
    "/bin/sh -c 'echo $0 $1' zero one",
  ]) console.log(JSON.stringify(s), JSON.stringify(sh(s)));
});
