/**
 * awk(1) builtins, getline and output redirection (contrib/one-true-awk/awk.1:
 * "Other built-in functions", "The function getline", print > / >> / |),
 * with run.c's sub()/gsub() backsub() rules for & and \\&.
 */
import { describe, expect, it } from 'vitest';
import { full, sh, type Case } from './helpers.js';

const file = "printf 'one two\\nthree\\n' > /tmp/f; ";

const getline: Case[] = [
  // getline var < file: 1 per record, 0 at the end, -1 when it cannot be opened.
  [`${file}awk 'BEGIN { while ((getline line < "/tmp/f") > 0) n++; print n, line; print (getline x < "/nope") }'`, { stdout: '2 three\n-1\n' }],
  // getline < file sets $0 and NF, not NR (run.c awkgetline()).
  [`${file}awk 'BEGIN { getline < "/tmp/f"; print $2, NF, NR; close("/tmp/f"); getline < "/tmp/f"; print $1 }'`, { stdout: 'two 2 0\none\n' }],
  // Plain getline reads the next record into $0 and counts NR; getline var leaves $0.
  ["printf 'a\\nb\\nc\\n' | awk 'NR == 1 { getline; print \"got\", $0, NR } END { print NR }'", { stdout: 'got b 2\n3\n' }],
  ["printf 'a\\nb\\n' | awk '{ getline x; print $0, x, NR }'", { stdout: 'a b 2\n' }],
  ["echo | awk '{ print (getline), (getline v) }'", { stdout: '0 0\n' }],
  // cmd | getline (awk.1), output sorted through a pipe, system()'s status.
  ["awk 'BEGIN { \"echo hi there\" | getline v; print v; while ((\"printf \\\"1\\\\n2\\\\n\\\"\" | getline) > 0) print \"l\", $0, NF }'", { stdout: 'hi there\nl 1 1\nl 2 1\n' }],
  ["awk 'BEGIN { print \"b\\na\" | \"sort\"; close(\"sort\"); print \"after\"; r = system(\"echo sys; exit 3\"); print r }'", { stdout: 'a\nb\nafter\nsys\n3\n' }],
];

const output: Case[] = [
  // > truncates when first opened, later prints to the same name append (awk.1 "identical string values ... denote the same open file").
  ["echo old > /tmp/o; awk 'BEGIN { print \"a\" > \"/tmp/o\"; print \"b\" > \"/tmp/o\"; close(\"/tmp/o\"); print \"c\" >> \"/tmp/o\" }'; cat /tmp/o", { stdout: 'a\nb\nc\n' }],
  ["awk -F: '{ print $1 > (\"/tmp/g-\" $3) }' /etc/group; cat /tmp/g-80 /tmp/g-0", { stdout: 'www\nwheel\n' }],
  ["awk 'BEGIN { printf \"%s-%d\\n\", \"x\", 1 > \"/tmp/pf\"; print \"to stderr\" > \"/dev/stderr\" }'; cat /tmp/pf", { stdout: 'x-1\n', stderr: 'to stderr\n' }],
  // openfile() in run.c: FATAL("can't open file %s") (T.errmsg: "can.t open file ./nonexistentdir/foo").
  ["awk 'BEGIN { print \"abc\" > \"/nonexistentdir/foo\" }'; echo $?", { stdout: '2\n', stderr: "awk: can't open file /nonexistentdir/foo\n source line number 1\n" }],
];

const builtins: Case[] = [
  ["awk 'BEGIN { print length(\"hello\"), substr(\"hello\", 2, 3), substr(\"hello\", 3), index(\"hello\", \"ll\"), index(\"hello\", \"z\") }'", { stdout: '5 ell llo 3 0\n' }],
  ["echo 'abc de' | awk '{ print length, length(), length($2) }'", { stdout: '6 6 2\n' }],
  ["awk 'BEGIN { print toupper(\"abc-1\"), tolower(\"ABC-1\"), int(7.9), int(-7.9), sqrt(16), exp(0), log(1), sin(0), cos(0), atan2(0, -1) }'", { stdout: 'ABC-1 abc-1 7 -7 4 1 0 0 1 3.14159\n' }],
  ["awk 'BEGIN { s = sprintf(\"%03d-%s-%.3e\", 7, \"x\", 1234.5); print s }'", { stdout: '007-x-1.234e+03\n' }],
  // match(): RSTART and RLENGTH, 0 and -1 when nothing matches.
  ["awk 'BEGIN { print match(\"foobar\", /o+/), RSTART, RLENGTH; print match(\"foobar\", \"z\"), RSTART, RLENGTH }'", { stdout: '2 2 2\n0 0 -1\n' }],
  // sub/gsub return the number of replacements; & is the match, \\& a literal &.
  ["echo 'aaa bab' | awk '{ n = gsub(/a/, \"x\"); print n, $0, NF; m = sub(/x+/, \"[&]\", $1); print m, $1, $0 }'", { stdout: '4 xxx bxb 2\n1 [xxx] [xxx] bxb\n' }],
  ["awk 'BEGIN { s = \"a.b.c\"; gsub(/\\./, \"\\\\&\", s); print s; t = \"abc\"; gsub(/b/, \"<&&>\", t); print t; u = \"x\"; sub(/x/, \"\\\\\\\\&\", u); print u }'", { stdout: 'a&b&c\na<bb>c\n\\x\n' }],
  ["awk 'BEGIN { s = \"abc\"; print gsub(/x*/, \"-\", s), s; t = \"hello\"; gsub(\"l\", \"L\", t); print t }'", { stdout: '4 -a-b-c-\nheLLo\n' }],
  // split with FS, with a string, with a regex, and "" for single characters (awk.1 split()).
  ["echo 'a b  c' | awk '{ n = split($0, w); print n, w[3]; n = split(\"2024-11-28\", d, \"-\"); print n, d[1] + 0, d[3]; n = split(\"a1b22c\", r, /[0-9]+/); print n, r[2]; print split(\"abc\", ch, \"\"), ch[2]; print split(\"\", e), length(e) }'", { stdout: '3 c\n3 2024 28\n3 b\n3 b\n0 0\n' }],
  // srand returns the previous seed (1 at start); rand stays in [0, 1) and repeats for a seed.
  ["awk 'BEGIN { print srand(5), srand(7); srand(3); a = rand(); srand(3); b = rand(); print (a == b), (a >= 0 && a < 1) }'", { stdout: '1 5\n1 1\n' }],
  ["HOME=/root awk 'BEGIN { print ENVIRON[\"HOME\"] }'", { stdout: '/root\n' }],
];

describe('awk builtins and I/O', () => {
  it.each(getline)('getline: %s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
  it.each(output)('output: %s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
  it.each(builtins)('builtins: %s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});
