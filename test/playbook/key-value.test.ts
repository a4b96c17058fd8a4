import { describe, expect, it } from 'vitest';
import { freeForm, KeyValueError, parseKv, splitArgs } from '../../src/playbook/key-value.js';
import { editDistance, nearestName } from '../../src/playbook/nearest-name.js';

describe("Ansible's key=value text", () => {
  it('splits on white space outside quotes and template blocks', () => {
    expect(splitArgs(`a=1  b="two words" c='x y' d={{ v | default('a b') }}`)).toEqual(['a=1', 'b="two words"', "c='x y'", "d={{ v | default('a b') }}"]);
    expect(() => splitArgs('a="open')).toThrow(KeyValueError);
    expect(() => splitArgs('a={{ open')).toThrow(KeyValueError);
  });

  it('parses pairs at the first unescaped =, unquotes values and decodes escapes', () => {
    expect(parseKv(`a=1 b="two words" url=http://x/?q=1 esc="tab\\there" quoted='"kept"'`).options).toEqual({
      a: '1',
      b: 'two words',
      url: 'http://x/?q=1',
      esc: 'tab\there',
      quoted: '"kept"',
    });
    expect(parseKv('novalue =lead a\\=b')).toEqual({ options: {}, raw: ['novalue', '=lead', 'a=b'] });
  });

  it("reads a free-form command's options out of its text and keeps the rest verbatim", () => {
    expect(freeForm('make  install chdir=/usr/src creates="/usr/obj/done"', ['chdir', 'creates'])).toEqual({
      options: { chdir: '/usr/src', creates: '/usr/obj/done' },
      rest: 'make  install',
    });
    // Only the listed keys: a variable assignment stays part of the command, and newlines stay.
    expect(freeForm('FOO=1 env\necho "a  b"\n', ['chdir'])).toEqual({ options: {}, rest: 'FOO=1 env\necho "a  b"' });
    // An apostrophe in a comment: no options, the whole text.
    expect(freeForm("# don't\nls creates=/x", ['creates'])).toEqual({ options: {}, rest: "# don't\nls creates=/x" });
  });
});

describe('nearest name', () => {
  it('is the closest candidate within a third of the length', () => {
    expect(editDistance('lineinfle', 'lineinfile')).toBe(1);
    expect(nearestName('lineinfle', ['line', 'lineinfile', 'copy'])).toBe('lineinfile');
    expect(nearestName('template', ['line', 'migrate', 'copy'])).toBeUndefined();
  });
});
