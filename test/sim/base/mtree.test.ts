/**
 * mtree(8): a specification made on one host, the tree carried to another
 * with tar, and checked there.
 *
 * Sources (freebsd/freebsd-src contrib/mtree, FreeBSD 14's NetBSD-derived
 * mtree, and NetBSD usr.sbin/mtree / tests/usr.sbin/mtree):
 * - create.c cwalk()/statd()/statf()/output() (NetBSD 1.73): header, "# path"
 *   comments, /set, 15-column names, " \" continuation past column 77, "..".
 * - tests/usr.sbin/mtree/mtree_d_create.out: NetBSD's golden -c output, the
 *   same layout (blank lines, continuation indent of 16).
 * - spec.c vispath() (NetBSD 1.89): VIS_OCTAL for the default flavor.
 * - verify.c vwalk()/miss() (NetBSD 1.44): "extra: %s", "%s missing".
 * - compare.c compare() (NetBSD 1.58) MARK/LABEL: "path: " padded to 8
 *   columns, "\t" before later lines; "size (%ju, %ju)", "permissions (%#lo, %#lo)".
 * - mtree.h: MISMATCHEXIT 2; FreeBSD's digest key names (sha256digest).
 * - mtree.c main()/usage(); mtree.8 (exit status in the -u paragraph).
 */
import { describe, expect, it } from 'vitest';
import { writeCommandFiles } from '../../../src/sim/command-files.js';
import { strunvis, visPath } from '../../../src/sim/commands/base/mtree-vis.js';
import { newHost } from './helpers.js';

/** www is uid/gid 80 in the fixture's /etc/passwd and /etc/group. */
const TREE = [
  'mkdir -p /data/site/conf',
  'chmod 750 /data/site/conf',
  "printf 'hello' > /data/site/index.html",
  "printf 'User-agent: *\\n' > /data/site/robots-disallow.txt",
  "printf 'notes\\n' > '/data/site/read me'",
  "printf 'pw=1\\n' > /data/site/conf/db.conf",
  'chmod 600 /data/site/conf/db.conf',
  'chown www:www /data/site/conf/db.conf',
  'ln -s index.html /data/site/home',
].join(' && ');

const SHA = {
  index: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', // printf 'hello' | sha256
  readMe: '444e0fffbd825e9610ff5b199485707a0c895339ae80c15cc8a8aee41b106fda',
  robots: 'fd89345af6aca5dab85f2aa6a830e270a362b1fa6b5f19607ddd773a081ed651',
  db: 'daffbac7d8b73d10a588a1deffb3d4f2e36e043ba8163aa44e97b4c6159342a6',
  helloWorld: '09ca7e4eaa6e8ae9c7d261167129184883644d07dfba7cbfbc4c8a2e08360d5b',
};

const KEYS = 'type,uid,gid,mode,size,link,sha256digest';

/** Source host with the tree; its first exec is at 15:09:01 (fixture clock + 1 s a run). */
function source() {
  const host = newHost();
  expect(host.exec(TREE)).toEqual({ stdout: '', stderr: '', code: 0 });
  return host;
}

/** A second host holding the same tree under /backup/site, carried by tar (which keeps owners, modes, times). */
function copyTo(src: ReturnType<typeof newHost>) {
  const dst = newHost();
  const archive = src.exec('tar -cf - -C /data site');
  expect(archive.code).toBe(0);
  expect(dst.exec('mkdir -p /backup && tar -xpf - -C /backup', { stdin: archive.stdout })).toEqual({ stdout: '', stderr: '', code: 0 });
  return dst;
}

describe('mtree -c', () => {
  it('prints a specification: header, /set, padded names, continuations, escaped names, ".."', () => {
    const src = source();
    // create.c cwalk(): the header from getlogin(), gethostname(), getcwd() after
    // chdir(-p), ctime() of the clock (the second run: 15:09:02); then per
    // directory "\n# path", statd()'s /set (most frequent uid/gid/mode of the
    // entries), statf() lines (non-directories first, strcmp order: dcmp()).
    // A directory's own line is written against the /set chosen for its
    // entries (conf: uid=0 gid=0 mode=0750 under /set uid=80 ...).
    // statf(): names padded to 15 columns; a name longer than that puts every
    // keyword on continuation lines; output() breaks before a keyword that
    // would pass column 77. vispath(): "read me" -> "read\040me" (VIS_OCTAL).
    // F_MTREE flavor: type= only for non-regular files, size= only for
    // regular files, nothing after the root's own entries.
    expect(src.exec(`mtree -c -k ${KEYS} -p /data/site`)).toEqual({
      stdout: [
        '#\t   user: root',
        '#\tmachine: host1.example.org',
        '#\t   tree: /data/site',
        '#\t   date: Thu Nov 28 15:09:02 2024',
        '',
        '# .',
        '/set type=file uid=0 gid=0 mode=0644',
        '.               type=dir mode=0755',
        '    home        type=link mode=0755 link=index.html',
        '    index.html  size=5 \\',
        `                sha256digest=${SHA.index}`,
        '    read\\040me  size=6 \\',
        `                sha256digest=${SHA.readMe}`,
        '    robots-disallow.txt \\',
        '                size=14 \\',
        `                sha256digest=${SHA.robots}`,
        '',
        '# ./conf',
        '/set type=file uid=80 gid=80 mode=0600',
        'conf            type=dir uid=0 gid=0 mode=0750',
        '    db.conf     size=5 \\',
        `                sha256digest=${SHA.db}`,
        '# ./conf',
        '..',
        '',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('uses the default keywords without -k: nlink, time, flags=none on /set', () => {
    // mtree.h KEYDEFAULT: flags gid link mode nlink size time type uid.
    // statd() prints "nlink=1" and "flags=none" (flags_to_string(0, "none"));
    // a directory's nlink is 2 + its subdirectories; time= is
    // "%jd.%09ld" of st_mtimespec (the files were made at 15:09:01).
    const out = source().exec('mtree -c -p /data/site').stdout;
    expect(out.split('\n').slice(6, 15)).toEqual([
      '/set type=file uid=0 gid=0 mode=0644 nlink=1 flags=none',
      '.               type=dir mode=0755 nlink=3 time=1732806541.000000000',
      '    home        type=link mode=0755 time=1732806541.000000000 \\',
      '                link=index.html',
      '    index.html  size=5 time=1732806541.000000000',
      '    read\\040me  size=6 time=1732806541.000000000',
      '    robots-disallow.txt \\',
      '                size=14 time=1732806541.000000000',
      '',
    ]);
  });

  it('-n drops the header and comments, keeps the blank lines; sha256 is sha256digest', () => {
    // create.c: -n (nflag) guards the header and "# path" lines only; the
    // "\n" before a directory is -b's. misc.c keylist: sha256 and
    // sha256digest are one keyword; FreeBSD prints SHA256KEY "sha256digest".
    expect(source().exec('mtree -c -n -k sha256,nlink -p /data/site').stdout).toBe(
      [
        '',
        '/set type=file nlink=1',
        '.               type=dir nlink=3',
        '    home        type=link',
        '    index.html  \\',
        `                sha256digest=${SHA.index}`,
        '    read\\040me  \\',
        `                sha256digest=${SHA.readMe}`,
        '    robots-disallow.txt \\',
        `                sha256digest=${SHA.robots}`,
        '',
        'conf            type=dir nlink=2',
        '    db.conf     \\',
        `                sha256digest=${SHA.db}`,
        '..',
        '',
        '',
      ].join('\n'),
    );
  });

  it('/set never takes a uid of 5000 or more', () => {
    // create.c statd(): ids at or above MTREE_MAXUID (5000) are not counted,
    // so with only nobody's (65534) files /set keeps the initial uid 0.
    const host = newHost();
    host.exec('mkdir /t && touch /t/a /t/b && chown nobody /t/a /t/b');
    expect(host.exec('mtree -c -n -k uid -p /t').stdout).toBe(
      '\n/set type=file uid=0\n.               type=dir\n    a           uid=65534\n    b           uid=65534\n',
    );
  });

  it('inside a jail: the jail hostname and the path as the jail sees it', () => {
    const host = source();
    writeCommandFiles(host.fs, '/data'); // the jail's own /usr/sbin/mtree
    host.state.jails.push({ name: 'www', jid: 1, path: '/data', hostname: 'www.example.org', ip4: [], params: {}, state: 'ACTIVE' });
    // cwalk(): gethostname() and getcwd() as the jailed process sees them.
    const out = host.run('mtree -c -k type -p /site', { root: '/data', jail: 'www' }).stdout;
    expect(out.split('\n').slice(1, 3)).toEqual(['#\tmachine: www.example.org', '#\t   tree: /site']);
  });
});

describe('mtree -f (check a copy on another host)', () => {
  it('an identical copy: no output, exit 0 (spec from -f or from stdin)', () => {
    const src = source();
    const spec = src.exec(`mtree -c -k ${KEYS} -p /data/site`).stdout;
    const dst = copyTo(src);
    dst.exec(`cat > /tmp/site.mtree <<'EOF'\n${spec}EOF`);
    expect(dst.exec('mtree -f /tmp/site.mtree -p /backup/site')).toEqual({ stdout: '', stderr: '', code: 0 });
    // mtree.c: spec1 = stdin unless -f.
    expect(dst.exec('mtree -p /backup/site', { stdin: spec })).toEqual({ stdout: '', stderr: '', code: 0 });
    // With the default keywords (times included), tar kept everything.
    expect(dst.exec('/usr/sbin/mtree -p /backup/site', { stdin: src.exec('mtree -c -p /data/site').stdout })).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('a changed size, a changed mode, a missing and an extra file: exact lines, exit 2', () => {
    const src = source();
    const spec = src.exec(`mtree -c -k ${KEYS} -p /data/site`).stdout;
    const dst = copyTo(src);
    dst.exec("cd /backup/site && printf 'hello, world' > index.html && chmod 644 conf/db.conf && rm 'read me' && touch new.txt");
    // Walk order is readdir order (the simulator's is sorted): conf/db.conf,
    // index.html, new.txt. compare.c MARK: "path: " (RP(): no "./") is longer
    // than 8 columns here, so a newline and every difference on a "\t" line.
    // The changed content also fails sha256digest ("%s (0x%s, 0x%s)").
    // verify.c vwalk(): "extra: new.txt"; miss() after the walk, path built
    // from ".": "./read me missing" (unescaped). A compare() difference makes
    // vwalk() return MISMATCHEXIT (mtree.h: 2).
    expect(dst.exec('mtree -f /dev/stdin -p /backup/site', { stdin: spec })).toEqual({
      stdout: [
        'conf/db.conf: ',
        '\tpermissions (0600, 0644)',
        'index.html: ',
        '\tsize (5, 12)',
        `\tsha256digest (0x${SHA.index}, 0x${SHA.helloWorld})`,
        'extra: new.txt',
        './read me missing',
        '',
      ].join('\n'),
      stderr: '',
      code: 2,
    });
    // -e: no "extra:" lines (vwalk()'s eflag).
    expect(dst.exec('mtree -e -p /backup/site', { stdin: spec }).stdout).not.toContain('extra:');
  });

  it('a short path is padded to 8 columns; the link ref pair is (found, expected)', () => {
    const src = source();
    const spec = src.exec(`mtree -c -k ${KEYS} -p /data/site`).stdout;
    const dst = copyTo(src);
    dst.exec('cd /backup/site && rm home && ln -s robots-disallow.txt home');
    // compare.c MARK: "home: " is 6 columns, padded with 2 spaces, the
    // difference on the same line. "link ref (%s, %s" prints rlink() (what
    // is there) first, then the spec's value.
    expect(dst.exec('mtree -p /backup/site', { stdin: spec })).toEqual({
      stdout: 'home:   link ref (robots-disallow.txt, index.html)\n',
      stderr: '',
      code: 2,
    });
  });

  it('only missing or extra entries: reported, but the exit status stays 0', () => {
    const src = source();
    const spec = src.exec(`mtree -c -k ${KEYS} -p /data/site`).stdout;
    const dst = copyTo(src);
    dst.exec('rm -r /backup/site/conf && mkdir /backup/site/cache && touch /backup/site/cache/x');
    // verify.c: only compare() sets rval; miss() reports a missing directory
    // and, below it, each of its entries; an extra directory is not entered
    // (fts_set(FTS_SKIP)).
    expect(dst.exec('mtree -p /backup/site', { stdin: spec })).toEqual({
      stdout: 'extra: cache\n./conf missing\n./conf/db.conf missing\n',
      stderr: '',
      code: 0,
    });
  });

  it('a type change is reported alone, after a tab', () => {
    const src = source();
    const spec = src.exec(`mtree -c -k ${KEYS} -p /data/site`).stdout;
    const dst = copyTo(src);
    dst.exec('cd /backup/site && rm index.html && mkdir index.html');
    // compare.c typeerr: LABEL then "\ttype (%s, %s)\n" with a literal tab even
    // on the padded first line, and return: nothing else of the entry.
    expect(dst.exec('mtree -p /backup/site', { stdin: spec })).toEqual({ stdout: 'index.html: \n\ttype (file, dir)\n', stderr: '', code: 2 });
  });
});

describe('mtree errors', () => {
  it('fails with mtree_err() messages and exit 1', () => {
    const host = source();
    // mtree.c: -f is fopen()ed while options are read; chdir(-p) failure;
    // misc.c parsekey(): "unknown keyword `%s'".
    expect(host.exec('mtree -f /nope -p /data/site')).toEqual({ stdout: '', stderr: 'mtree: /nope: No such file or directory\n', code: 1 });
    expect(host.exec('mtree -c -p /nope')).toEqual({ stdout: '', stderr: 'mtree: /nope: No such file or directory\n', code: 1 });
    expect(host.exec('mtree -c -p /data/site/index.html')).toEqual({ stdout: '', stderr: 'mtree: /data/site/index.html: Not a directory\n', code: 1 });
    expect(host.exec('mtree -c -k size,bogus')).toEqual({ stdout: '', stderr: "mtree: unknown keyword `bogus'\n", code: 1 });
  });

  it('a bad spec line names its line number', () => {
    // spec.c set(): setmode() fails -> "cannot set file mode `%s' (%s)";
    // misc.c mtree_err() adds "failed at line %lu of the specification".
    const spec = '/set type=file\n.               type=dir\n    x           mode=0999\n';
    expect(source().exec('mtree -p /data/site', { stdin: spec })).toEqual({
      stdout: '',
      stderr: "mtree: cannot set file mode `0999' (Invalid argument)\nmtree: failed at line 3 of the specification\n",
      code: 1,
    });
  });

  it('an unknown option prints usage() and exits 1', () => {
    // mtree.c usage() (NetBSD 1.48), after getopt(3)'s own message.
    expect(source().exec('mtree -Z')).toEqual({
      stdout: '',
      stderr:
        'mtree: illegal option -- Z\n' +
        'usage: mtree [-bCcDdejLlMnPqrStUuWx] [-i|-m] [-E tags]\n' +
        '\t\t[-f spec] [-f spec]\n' +
        '\t\t[-I tags] [-K keywords] [-k keywords] [-N dbdir] [-p path]\n' +
        '\t\t[-R keywords] [-s seed] [-X exclude-file]\n' +
        '\t\t[-F flavor]\n' +
        '\nflavors: mtree freebsd9 netbsd6\n',
      code: 1,
    });
  });
});

describe('mtree name encoding', () => {
  it('vispath(): VIS_OCTAL with the glob characters for the default flavor, VIS_CSTYLE for netbsd6', () => {
    // spec.c vispath(): extra_glob = " \t\n\\#*?[" with VIS_OCTAL; netbsd6:
    // extra " \t\n\\#" with VIS_CSTYLE. Non-ASCII bytes are not isgraph() in
    // the C locale: octal per byte.
    expect(visPath('a b#c*d?e[f\\g\th', 'mtree')).toBe('a\\040b\\043c\\052d\\077e\\133f\\134g\\011h');
    expect(visPath('café', 'mtree')).toBe('caf\\303\\251');
    expect(visPath('a b#c\\d\te*', 'netbsd6')).toBe('a\\sb\\#c\\\\d\\te*');
  });

  it('strunvis() reads both forms back', () => {
    expect(strunvis('a\\040b\\043c\\303\\251')).toBe('a b#cé');
    expect(strunvis('a\\sb\\#c\\\\d\\te')).toBe('a b#c\\d\te');
    expect(strunvis('dangling\\')).toBeUndefined();
  });
});
