/**
 * lockf and env run their command's words without quoting them into a
 * command line first (argv-program.ts): the program must be the one that
 * command line parses to, and the edge cases must still go through the text.
 */
import { describe, expect, it } from 'vitest';
import { quote } from '../../../src/shell/quote.js';
import { argvProgram } from '../../../src/sim/shell/argv-program.js';
import { parse } from '../../../src/sim/shell/parser.js';
import { newHost } from './fixture.js';

const WORDS = ['', 'a', 'sh', '/bin/sh', '-c', "it's", 'a b', '$HOME', '*', 'x=1', '=x', '~', '#c', 'if', 'fi', '{', '!', 'in', 'a\nb', "'", '\\', '%s\\n', '2', '>', 'é'];

describe('argvProgram', () => {
  it('is what the quoted command line parses to', () => {
    let n = 0;
    for (const first of WORDS) {
      for (const second of WORDS) {
        for (const third of ['', '--', "x'y'z"]) {
          const argv = [first, second, third];
          const program = argvProgram(argv);
          const text = argv.map(quote).join(' ');
          if (program === undefined) continue;
          n++;
          expect(JSON.stringify(program), text).toBe(JSON.stringify(parse(text)));
        }
      }
    }
    expect(n).toBeGreaterThan(500);
  });

  it('leaves to the text a first word the parser would not take as a command name', () => {
    for (const first of ['if', 'fi', 'in', 'done', 'x=1', 'A_1=']) expect(argvProgram([first, 'a'])).toBeUndefined();
    expect(argvProgram([])).toBeUndefined();
    expect(argvProgram(['x y=1'])).toBeDefined();
  });

  it('lockf and env run such words as before', () => {
    const h = newHost();
    expect(h.exec("lockf -k /tmp/l printf '[%s]\\n' '' \"it's\" 'a b'").stdout).toBe("[]\n[it's]\n[a b]\n");
    expect(h.exec('env A=1 sh -c \'echo "$A $0 $1"\' zero "o\'ne"').stdout).toBe("1 zero o'ne\n");
    expect(h.exec('lockf -k /tmp/l if true').stderr).toMatch(/Syntax error/);
    expect(h.exec('env X=1 Y=2').stdout).toMatch(/X=1\nY=2\n/);
    expect(h.exec('lockf -k /tmp/l x=1 echo hi').stdout).toBe('hi\n');
  });
});
