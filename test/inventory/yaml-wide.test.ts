/**
 * A YAML file with one character outside Latin-1 (an em dash in a comment)
 * has its string values narrowed to one byte a character (narrow-strings.ts):
 * the values must come out exactly as written, wide characters included.
 */
import { describe, expect, it } from 'vitest';
import { parseYaml, toJs } from '../../src/inventory/yaml-source.js';
import { hasWideCharacters, narrowed } from '../../src/narrow-strings.js';

describe('YAML values of a file with wide characters', () => {
  const text = ['# host daemons — then the jail', 'plain: 192.0.2.11', 'latin1: "café naïve"', 'wide: "a — b"', 'key — wide: x', 'block: |', '  line one', '  ligne deux é', ''].join('\n');

  it('come out exactly as written', () => {
    const src = parseYaml(text, 'wide.yml');
    expect(toJs(src, src.doc.contents)).toEqual({ plain: '192.0.2.11', latin1: 'café naïve', wide: 'a — b', 'key — wide': 'x', block: 'line one\nligne deux é\n' });
  });

  it('narrowed() keeps every Latin-1 character and leaves a wide text as it is', () => {
    const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    expect(narrowed(all)).toBe(all);
    expect(narrowed('a — b')).toBe('a — b');
    expect(hasWideCharacters('a — b')).toBe(true);
    expect(hasWideCharacters(all)).toBe(false);
  });
});
