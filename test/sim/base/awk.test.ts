/**
 * awk(1) as FreeBSD ships it (contrib/one-true-awk): the EXAMPLES of the
 * manual page (contrib/one-true-awk/awk.1), the usual one-liners, and the
 * error output of lib.c SYNTAX()/FATAL()/error()/eprint(). Expected output is
 * written out from the manual page and the sources cited on each case.
 */
import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './helpers.js';

const nums = "printf '1\\n2\\n3\\n4\\n' > /tmp/n; ";
const pairs = "printf 'a 1\\nb 2\\nc 3\\n' > /tmp/p; ";

// awk.1 EXAMPLES, one case per example.
const manual: Case[] = [
  // "length($0) > 72: Print lines longer than 72 characters."
  ["printf 'short\\n%073d\\n%072d\\n' 0 0 | awk 'length($0) > 72' | wc -c", { stdout: '      74\n' }],
  // "{ print $2, $1 }: Print first two fields in opposite order."
  ["echo 'one two three' | awk '{ print $2, $1 }'", { stdout: 'two one\n' }],
  // "Same, with input fields separated by comma and/or spaces and tabs."
  ["printf 'a, b\\tc\\nd,e f\\n' | awk 'BEGIN { FS = \",[ \\t]*|[ \\t]+\" }\n      { print $2, $1 }'", { stdout: 'b a\ne d\n' }],
  // "Add up first column, print sum and average."
  [`${nums}awk '\t{ s += $1 }\nEND\t{ print "sum is", s, " average is", s/NR }' /tmp/n`, { stdout: 'sum is 10  average is 2.5\n' }],
  // "/start/, /stop/: Print all lines between start/stop pairs."
  ["printf 'a\\nstart\\nb\\nstop\\nc\\nstart\\nd\\n' | awk '/start/, /stop/'", { stdout: 'start\nb\nstop\nstart\nd\n' }],
  // "BEGIN { # Simulate echo(1) ... exit }": ARGV/ARGC, and exit in BEGIN reads no input.
  ["awk 'BEGIN\t{\t# Simulate echo(1)\n\tfor (i = 1; i < ARGC; i++) printf \"%s \", ARGV[i]\n\tprintf \"\\n\"\n\texit }' hello big world", { stdout: 'hello big world \n' }],
];

// The one-liners people write, on the fixture's /etc/passwd and /etc/group.
const oneLiners: Case[] = [
  ["awk -F: '$3 >= 1000 {print $1}' /etc/passwd", { stdout: 'nobody\n' }],
  ["awk -F: '$3 < 80 { print $1 \":\" $7 }' /etc/passwd", { stdout: 'root:/bin/sh\ntoor:\ndaemon:/usr/sbin/nologin\n' }],
  [`${pairs}awk '{s+=$2} END {print s}' /tmp/p`, { stdout: '6\n' }],
  [`${pairs}awk 'NR==2' /tmp/p; awk 'NR==2 { print $1 }' /tmp/p`, { stdout: 'b 2\nb\n' }],
  [`${pairs}awk 'END { print NR, $0 }' /tmp/p`, { stdout: '3 c 3\n' }],
  ["awk -F: '{ print $NF }' /etc/group | head -n 1; awk -F: '{ print $(NF-1) }' /etc/group | tail -n 1", { stdout: 'root\n65534\n' }],
  ["awk '/^w/' /etc/group; awk '!/:$/' /etc/group; awk -F: '$1 ~ /^d/ || $3 == 80' /etc/group", { stdout: 'wheel:*:0:root\nwww:*:80:\nwheel:*:0:root\ndaemon:*:1:\nwww:*:80:\n' }],
  ["awk -F: '$1 !~ /o/ { print $1 }' /etc/passwd", { stdout: 'www\n' }],
  ["echo 'a b c' | awk '{ print NF; $2 = \"X\"; print; print $0 }'", { stdout: '3\na X c\na X c\n' }],
  ["echo 'hello world' | awk '{ gsub(/o/, \"0\"); print }'", { stdout: 'hell0 w0rld\n' }],
  ["awk 'BEGIN { n = split(\"a:b:c\", arr, \":\"); for (i = 1; i <= n; i++) print i, arr[i] }'", { stdout: '1 a\n2 b\n3 c\n' }],
  // printf tables: widths, left adjustment, precision (printf(3) as run.c format() calls it).
  ["awk -F: '$3 < 100 { printf \"%-8s %5d|%s\\n\", $1, $3, $6 }' /etc/passwd", {
    stdout: 'root         0|/root\ntoor         0|/root\ndaemon       1|/root\nwww         80|/nonexistent\n',
  }],
  ["awk 'BEGIN { printf \"%5.1f|%e|%g|%x|%X|%o|%c|%c|%%|%i\\n\", 3.14159, 12345.678, 0.0001, 255, 255, 8, 65, \"hello\", 7.9 }'", {
    stdout: '  3.1|1.234568e+04|0.0001|ff|FF|10|A|h|%|7\n',
  }],
  ["awk 'BEGIN { printf \"[%05d][%-5s][%5s][%.2s][%+d][% d][%*d]\\n\", 42, \"ab\", \"ab\", \"abcdef\", 5, 5, 4, 7 }'", {
    stdout: '[00042][ab   ][   ab][ab][+5][ 5][   7]\n',
  }],
  // -v before BEGIN, var=value operands when reached (awk.1 DESCRIPTION).
  ["awk -v n=5 -v 's=a\\tb' 'BEGIN { print n * 2, s }'", { stdout: '10 a\tb\n' }],
  ["awk '{ print v, $1 }' v=1 /etc/group v=2 /etc/group | sed -n '1p;5p'", { stdout: '1 wheel:*:0:root\n2 wheel:*:0:root\n' }],
  ["echo x | awk 'BEGIN { printf \"[%s]\", v } { print v }' v=late", { stdout: '[]late\n' }],
  // FILENAME, FNR, NR across files; "-" is stdin (awk.1).
  ["awk 'FNR == 1 { print FILENAME, FNR, NR }' /etc/group /etc/passwd", { stdout: '/etc/group 1 1\n/etc/passwd 1 5\n' }],
  ["echo piped | awk '{ print FILENAME \":\" $0 }' /etc/group - | tail -n 2", { stdout: '/etc/group:nobody:*:65534:\n-:piped\n' }],
  // -F: a single character is literal, longer is a regex, and -F '\t' / -Ft mean a tab (main.c).
  ["echo 'foo.bar' | awk -F. '{ print $2 }'; echo 'a|b' | awk -F'|' '{ print $2 }'; echo 'a1b22c' | awk -F'[0-9]+' '{ print $3 }'", { stdout: 'bar\nb\nc\n' }],
  ["printf 'x\\tb c\\td\\n' | awk -F '\\t' '{ print $2 }'; printf 'x\\tb c\\td\\n' | awk -Ft '{ print $3 }'", { stdout: 'b c\nd\n' }],
  ["echo '  lead  and   trail  ' | awk '{ print NF \":\" $1 \":\" $3 }'", { stdout: '3:lead:trail\n' }],
  // OFS applies when $0 is rebuilt; ORS ends each print.
  ["echo 'a b' | awk 'BEGIN { OFS = \"-\" } { print $1, $2; print; $1 = $1; print } END { ORS = \"!\"; print \"x\" }'", { stdout: 'a-b\na b\na-b\nx!' }],
  ["echo 'a b c d' | awk '{ NF = 2; print; $5 = \"e\"; print; print NF }'", { stdout: 'a b\na b   e\n5\n' }],
  // RS = "": paragraphs, newline also separates fields (lib.c readrec()).
  ["printf 'a b\\n\\nc d\\ne f\\n\\n\\ng\\n' | awk 'BEGIN { RS = \"\" } { print NR \": \" $1 \"-\" $NF }'", { stdout: '1: a-b\n2: c-f\n3: g-g\n' }],
  ["printf 'a,b,c' | awk 'BEGIN { RS = \",\" } { print NR, $0 }'", { stdout: '1 a\n2 b\n3 c\n' }],
];

// Counting in arrays: for (k in a) walks tran.c's hash table (hash() = c + 31*h over 50 buckets, newest first).
const arrays: Case[] = [
  ["printf 'the cat\\nthe dog\\n' | awk '{ for (i = 1; i <= NF; i++) c[$i]++ } END { for (w in c) print w, c[w] }'", { stdout: 'the 2\ncat 1\ndog 1\n' }],
  ["awk 'BEGIN { a[1]; a[2]; a[3]; for (k in a) print k }'", { stdout: '2\n3\n1\n' }],
  ["awk -F: '{ n[$1] = $3 } END { for (g in n) print g, n[g] }' /etc/group", { stdout: 'nobody 65534\nwheel 0\nwww 80\ndaemon 1\n' }],
  ["awk -F: '{ c[$7]++ } END { for (s in c) print c[s], s }' /etc/passwd", { stdout: '1 \n1 /bin/sh\n3 /usr/sbin/nologin\n' }],
  ["awk 'BEGIN { x[\"a\"] = 1; delete x[\"a\"]; print (\"a\" in x), length(x); y[1,2] = 3; for (k in y) { split(k, p, SUBSEP); print p[1], p[2] }; delete y; print length(y) }'", { stdout: '0 0\n1 2\n0\n' }],
  ["awk 'BEGIN { if ((\"k\" in a) == 0) print \"absent\"; a[\"k\"]; if (\"k\" in a) print \"now present\" }'", { stdout: 'absent\nnow present\n' }],
];

// Control flow: awk.1's statement list.
const control: Case[] = [
  ["awk 'BEGIN { i = 0; do { i++ } while (i < 5); print i; while (1) { if (++j > 3) break }; print j; for (;;) { k++; if (k < 3) continue; break }; print k }'", { stdout: '5\n4\n3\n' }],
  ["awk 'BEGIN { if (1 > 2) print \"no\"; else if (2 > 1) print \"yes\"; else print \"never\" }'", { stdout: 'yes\n' }],
  ["printf 'a\\nb\\nc\\n' | awk 'NR == 2 { next } { print } END { print \"end\" }'", { stdout: 'a\nc\nend\n' }],
  ["printf 'a\\nb\\n' | awk '{ print; exit 3 } END { print \"end\" }'; echo $?", { stdout: 'a\nend\n3\n' }],
  // run.c program(): an exit in BEGIN skips the input and END.
  ["awk 'BEGIN { exit 4 } END { print \"no\" }'; echo $?", { stdout: '4\n' }],
  ["awk 'function f(n) { return n <= 1 ? 1 : n * f(n - 1) }\nfunction fill(arr,  i) { for (i = 1; i <= 3; i++) arr[i] = i * i }\nBEGIN { print f(10); fill(sq); print sq[3], length(sq) }'", { stdout: '3628800\n9 3\n' }],
];

// Values: strnum comparison (POSIX; is_valid_number() in lib.c), conversions with CONVFMT/OFMT "%.6g".
const values: Case[] = [
  ["echo '10 9' | awk '{ print ($1 > $2), (\"10\" > \"9\"), ($1 \"\" > $2 \"\"), ($1 > \"9\") }'", { stdout: '1 0 0 0\n' }],
  ["echo ' 1.0 ' | awk '{ print ($1 == 1), ($0 == 1), ($1 == \"1\") }'", { stdout: '1 1 0\n' }],
  ["awk 'BEGIN { x; if (x == 0 && x == \"\") print \"both\"; if (!y) print \"unset is false\"; if (\"0\") print \"string 0 is true\" }'", { stdout: 'both\nunset is false\nstring 0 is true\n' }],
  ["awk 'BEGIN { print 1/3, 100000 * 100000, 1e6, 1234567.5, 0.1 + 0.2, 0.000001, -0 }'", { stdout: '0.333333 10000000000 1000000 1.23457e+06 0.3 1e-06 0\n' }],
  ["echo 5 | awk '{ print 10 % 3, 2 ^ 10, -2 ^ 2, 2 ** 3, int(-3.7), int(\"3abc\"), \"0x1A\" + 0, 1e3 \"\", $1 / 2 }'", { stdout: '1 1024 -4 8 -3 3 0 1000 2.5\n' }],
  ["awk 'BEGIN { OFMT = \"%.2f\"; x = 3.14159; print x; y = x \"\"; print y; CONVFMT = \"%.3f\"; z = x \"\"; print z; print 17 \"\" }'", { stdout: '3.14\n3.14159\n3.142\n17\n' }],
  ["awk 'BEGIN { x = 5; x += 2; x -= 1; x *= 3; x /= 2; x %= 5; x ^= 2; print x; print x++ + ++x, x--, --x }'", { stdout: '16\n34 18 16\n' }],
  ["awk 'BEGIN { print 1 \" \" 2, 1 2, \"a\" (1 < 2) }'", { stdout: '1 2 12 a1\n' }],
];

// Errors: lib.c SYNTAX() + eprint() (context from lex.c's ebuf), awkgram.y's error rules, FATAL() + error().
const errors: Case[] = [
  // The parser fails on `*`; lex.c had peeked the blank after it, so eprint() prints the rest of the line.
  ["awk 'BEGIN { print 1 +* 2 }'; echo $?", {
    stdout: '2\n',
    stderr: 'awk: syntax error at source line 1\n context is\n\tBEGIN { print 1 >>>  +* <<<  2 }\nawk: illegal statement at source line 1\n',
  }],
  // End of program inside an action: ebuf ends with input()'s NUL, so the context is empty; bracecheck() finds the brace.
  ["awk '{print $1'; echo $?", {
    stdout: '2\n',
    stderr: 'awk: syntax error at source line 1\n context is\n\t >>>  <<< \nawk: illegal statement at source line 1\n\tmissing }\n',
  }],
  // Outside any action only `program: error` recovers: bracecheck(), then "bailing out".
  ["awk 'BEGIN ]'; echo $?", {
    stdout: '2\n',
    stderr: 'awk: syntax error at source line 1\n context is\n\tBEGIN >>>  ] <<< \n\textra ]\nawk: bailing out at source line 1\n',
  }],
  ["awk '{ print }' /nope; echo $?", { stdout: '2\n', stderr: "awk: can't open file /nope\n source line number 1\n" }],
  // After records were read, error() names the record number and FILENAME (already the new name).
  ["awk '{ n++ } END { print n }' /etc/group /nope; echo $?", {
    stdout: '2\n',
    stderr: "awk: can't open file /nope\n input record number 4, file /nope\n source line number 1\n",
  }],
  // T.errmsg: "division by zero", "not enough args in printf(%s)".
  ["awk 'BEGIN { print \"before\"; print 1/0 }'; echo $?", { stdout: 'before\n2\n', stderr: 'awk: division by zero\n source line number 1\n' }],
  ["echo x | awk '{ printf(\"%s %s\", $1) }'; echo $?", {
    stdout: '2\n',
    stderr: 'awk: not enough args in printf(%s %s)\n input record number 1, file \n source line number 1\n',
  }],
];

describe('awk', () => {
  it.each(manual)('awk.1 EXAMPLES: %s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
  it.each(oneLiners)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
  it.each(arrays)('arrays: %s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
  it.each(control)('control flow: %s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
  it.each(values)('values: %s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
  it.each(errors)('errors: %s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});
