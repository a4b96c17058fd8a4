import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../src/inventory/glob.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { resolvePattern, unmatchedPatterns } from '../../src/inventory/pattern.js';
import { FIXTURES } from './helpers.js';

// Hosts in file order: bastion, web1, web2, web3, db-1, db-2, stage1
const inv = loadInventory(`${FIXTURES}/inventory/fleet.yml`);
const r = (p: string): string[] => resolvePattern(inv, p);

describe('resolvePattern', () => {
  it('selects everything with all or *', () => {
    const everyone = ['bastion', 'web1', 'web2', 'web3', 'db-1', 'db-2', 'stage1'];
    expect(r('all')).toEqual(everyone);
    expect(r('*')).toEqual(everyone);
  });

  it('selects a host by name and a group with its child groups', () => {
    expect(r('db-2')).toEqual(['db-2']);
    expect(r('web')).toEqual(['web1', 'web2', 'web3']);
    expect(r('web_eu')).toEqual(['web3']);
  });

  it('matches globs against host and group names', () => {
    expect(r('web*')).toEqual(['web1', 'web2', 'web3']);
    expect(r('db-?')).toEqual(['db-1', 'db-2']);
    expect(r('[bs]*')).toEqual(['bastion', 'stage1']);
    expect(r('web[!1]')).toEqual(['web2', 'web3']);
    // "prod" is a group: its hosts come along.
    expect(r('pr*')).toEqual(['web1', 'db-1']);
  });

  it('unions with ":" and ",", returning inventory order', () => {
    expect(r('db-2:bastion')).toEqual(['bastion', 'db-2']);
    expect(r('stage1,web_eu')).toEqual(['web3', 'stage1']);
  });

  it('intersects with :&', () => {
    expect(r('web:&prod')).toEqual(['web1']);
    expect(r('web:&db:&prod')).toEqual([]);
  });

  it('excludes with :!', () => {
    expect(r('web:!prod')).toEqual(['web2', 'web3']);
    expect(r('all:!web*')).toEqual(['bastion', 'db-1', 'db-2', 'stage1']);
  });

  it('applies unions first, then intersections, then exclusions, wherever they are written', () => {
    expect(r('!web1:&web:db:prod')).toEqual(['web2']);
    expect(r('&web:db:prod')).toEqual(['web1', 'web2']);
  });

  it('starts from all when only & or ! elements are given', () => {
    expect(r('!web')).toEqual(['bastion', 'db-1', 'db-2', 'stage1']);
    expect(r('&prod')).toEqual(['web1', 'db-1']);
  });

  it('returns nothing, not an error, for a pattern that matches nothing', () => {
    expect(r('nosuch')).toEqual([]);
  });
});

describe('unmatchedPatterns', () => {
  it('names each element (with its prefix) that matches no host', () => {
    expect(unmatchedPatterns(inv, 'web:nosuch:&ghost*:!db')).toEqual(['nosuch', '&ghost*']);
    expect(unmatchedPatterns(inv, 'web,db')).toEqual([]);
  });
});

describe('globToRegExp', () => {
  it('escapes regex characters that are not glob syntax', () => {
    expect(globToRegExp('a.b+c').test('a.b+c')).toBe(true);
    expect(globToRegExp('a.b+c').test('axbbc')).toBe(false);
  });

  it('treats an unclosed [ literally', () => {
    expect(globToRegExp('a[b').test('a[b')).toBe(true);
  });
});
