import { describe, expect, it } from 'vitest';
import { mergeAccounts, parseGroups, parseUsers, systemAccounts } from '../../../src/engine/move/machine-accounts.js';

// master.passwd(5): name:password:uid:gid:class:change:expire:gecos:home_dir:shell; group(5): name:password:gid:members.
const MASTER = [
  'root:$6$x$rootHash:0:0::0:0:Charlie &:/root:/bin/sh',
  'www:*:80:80::0:0:World Wide Web Owner:/nonexistent:/usr/sbin/nologin',
  'nobody:*:65534:65534::0:0:Unprivileged user:/nonexistent:/usr/sbin/nologin',
  'alice:$6$a$aliceHash:1001:1001::0:0:Alice Web:/home/alice:/bin/sh',
  'bob:*:1002:1001::0:0:Bob Web:/home/bob:/bin/sh',
].join('\n');
const GROUP = ['wheel:*:0:root', 'www:*:80:', 'nogroup:*:65533:', 'nobody:*:65534:', 'webdev:*:1001:alice,bob'].join('\n');

describe('machine → jail: users and groups', () => {
  const source = { users: parseUsers(MASTER), groups: parseGroups(GROUP) };
  const jail = { users: systemAccounts(source.users), groups: systemAccounts(source.groups) };

  it('reads master.passwd, with the password hash, and passwd when that is all', () => {
    expect(source.users.find((u) => u.name === 'alice')).toEqual({ name: 'alice', passwd: '$6$a$aliceHash', id: 1001, gid: 1001, gecos: 'Alice Web', home: '/home/alice', shell: '/bin/sh' });
    expect(parseUsers('carol:*:1003:1003:Carol:/home/carol:/bin/sh\n')).toEqual([{ name: 'carol', id: 1003, gid: 1003, gecos: 'Carol', home: '/home/carol', shell: '/bin/sh' }]);
  });

  it("merges the source's own accounts (≥ 1000, not nobody or nogroup) the jail lacks", () => {
    const m = mergeAccounts(source, jail);
    expect(m.conflicts).toEqual([]);
    expect(m.users.map((u) => u.name)).toEqual(['alice', 'bob']);
    expect(m.groups).toEqual([{ name: 'webdev', id: 1001, members: ['alice', 'bob'] }]);
  });

  it('adds nothing twice: a second merge into the merged jail is empty', () => {
    const m = mergeAccounts(source, source);
    expect(m).toEqual({ users: [], groups: [], conflicts: [] });
  });

  it('a name or an id taken by another account is a conflict', () => {
    const taken = {
      users: [...jail.users, { name: 'alice', id: 2001, gid: 1001 }, { name: 'mallory', id: 1002, gid: 1001 }],
      groups: [...jail.groups, { name: 'webdev', id: 1001, members: [] }],
    };
    expect(mergeAccounts(source, taken).conflicts).toEqual(['user alice is 1001 on the source but 2001 in the jail', 'user id 1002 is bob on the source but mallory in the jail']);
  });

  it("a user whose group is on neither side is a conflict", () => {
    const lone = { users: [...source.users, { name: 'dave', id: 1004, gid: 4242, passwd: '*' }], groups: source.groups };
    expect(mergeAccounts(lone, jail).conflicts).toEqual(["user dave's group 4242 is in neither the source's own groups nor the jail's"]);
  });
});
