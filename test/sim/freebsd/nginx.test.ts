/**
 * The www/nginx package's rc.d script and nginx master on the simulated
 * host, through the shell. Expectations follow freebsd-ports
 * www/nginx/files/nginx.in (nginx_precmd runs nginx_checkconfig and returns
 * 0 whatever it said; reload/restart/configtest fail with it), rc.subr
 * (libexec/rc/rc.subr: "Starting nginx.", "failed to start nginx",
 * check_required_before), and nginx itself: src/core/nginx.c and
 * ngx_cycle.c for the `-t` lines, src/core/ngx_connection.c
 * ngx_open_listening_sockets for the bind() messages (a test ignores
 * EADDRINUSE, a start retries it 5 times then says "still could not
 * bind()"), src/http/ngx_http_core_module.c and src/core/ngx_inet.c for
 * `listen` (default *:80 as root; a specific address on a port that also
 * has a wildcard is served by the wildcard socket unless it says `bind`).
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { writeBaseSystem } from '../../../src/sim/seed.js';
import { simHost } from '../../helpers/sim-host.js';

const CONF = '/usr/local/etc/nginx/nginx.conf';
const RC = '/usr/local/etc/rc.d/nginx';
const HEADER = 'USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS      \n';
const OK_T = `nginx: the configuration file ${CONF} syntax is ok\nnginx: configuration file ${CONF} test is successful\n`;
const CHECK = 'Performing sanity check on nginx configuration:\n';

function host(): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  expect(h.exec('pkg install -y nginx').code).toBe(0);
  return h;
}

/** A sockstat row (sockstat.c: "%-8s %-10s %5d %-3d %-6s %-21s %-21s"). */
const row = (pid: number, fd: number, proto: string, local: string): string =>
  `root     nginx      ${String(pid).padStart(5)} ${String(fd).padEnd(3)} ${proto.padEnd(6)} ${local.padEnd(21)} *:*\n`;

const nginxPid = (h: SimHost): number => h.state.processes.find((p) => p.service === 'nginx')!.pid;

/** An nginx.conf with these server blocks inside http { }. */
const withServers = (...servers: string[]): string =>
  `worker_processes  1;\nevents {\n    worker_connections  1024;\n}\nhttp {\n${servers.map((s) => `    server {\n${s}    }\n`).join('')}}\n`;

describe('service nginx on the host', () => {
  it('starts from the stock nginx.conf on *:80, reports status, reloads and stops', () => {
    const h = host();
    expect(h.fs.readFile(CONF)).toMatch(/^worker_processes {2}1;\n/);
    expect(h.fs.readFile(CONF)).toMatch(/\n {8}listen {7}80;\n/);
    // nginx_enable defaults to NO in the script itself: no "not set properly" warning.
    expect(h.exec('service nginx start')).toEqual({
      stdout: "Cannot 'start' nginx. Set nginx_enable to YES in /etc/rc.conf or use 'onestart' instead of 'start'.\n",
      stderr: '',
      code: 0,
    });
    h.exec('sysrc nginx_enable=YES');
    expect(h.exec('service nginx start')).toEqual({ stdout: `${CHECK}Starting nginx.\n`, stderr: OK_T, code: 0 });
    const pid = nginxPid(h);
    expect(h.exec('sockstat -4l -p 80')).toEqual({ stdout: HEADER + row(pid, 3, 'tcp4', '*:80'), stderr: '', code: 0 });
    expect(h.exec('service nginx status')).toEqual({ stdout: `nginx is running as pid ${pid}.\n`, stderr: '', code: 0 });
    expect(h.exec('cat /var/run/nginx.pid').stdout).toBe(`${pid}\n`);
    expect(h.exec('service nginx start')).toEqual({ stdout: '', stderr: `nginx already running? (pid=${pid}).\n`, code: 1 });
    expect(h.exec('service nginx reload')).toEqual({ stdout: CHECK, stderr: OK_T, code: 0 });
    expect(h.exec('service nginx stop')).toEqual({ stdout: `Stopping nginx.\nWaiting for PIDS: ${pid}.\n`, stderr: '', code: 0 });
    expect(h.exec('sockstat -4lq -p 80').stdout).toBe('');
    expect(h.exec('service nginx extracommands').stdout).toBe('reload configtest upgrade gracefulstop\n');
  });

  it('onestart/onestop work without nginx_enable; restart stops then starts', () => {
    const h = host();
    expect(h.exec('service nginx onestart').code).toBe(0);
    const first = nginxPid(h);
    expect(h.exec('service nginx onerestart')).toEqual({
      stdout: `${CHECK}Stopping nginx.\nWaiting for PIDS: ${first}.\n${CHECK}Starting nginx.\n`,
      stderr: OK_T + OK_T,
      code: 0,
    });
    expect(nginxPid(h)).not.toBe(first);
    expect(h.exec('service nginx onestop').code).toBe(0);
    expect(h.exec('service nginx onestatus')).toEqual({ stdout: 'nginx is not running.\n', stderr: '', code: 1 });
  });

  it('listens on every listen of every server; a server without listen gets *:80 (which also serves 127.0.0.1:80)', () => {
    const h = host();
    h.fs.writeFile(
      CONF,
      withServers(
        '        listen 192.0.2.23:8080;\n        listen *:8081;\n',
        '        listen [::]:80;\n        listen 8443 ssl default_server;\n',
        '        server_name example.org;\n',
        '        listen 127.0.0.1;\n',
      ),
    );
    expect(h.exec('service nginx onestart').code).toBe(0);
    const pid = nginxPid(h);
    expect(h.exec('sockstat -4lq -P tcp -p 80,8080,8081,8443').stdout).toBe(
      row(pid, 3, 'tcp4', '192.0.2.23:8080') + row(pid, 4, 'tcp4', '*:8081') + row(pid, 6, 'tcp4', '*:8443') + row(pid, 7, 'tcp4', '*:80'),
    );
    expect(h.exec('sockstat -6lq -p 80').stdout).toBe(row(pid, 5, 'tcp6', '*:80'));
  });

  it('serves a specific address through the port\'s wildcard socket unless it says bind', () => {
    const h = host();
    h.fs.writeFile(CONF, withServers('        listen 80;\n', '        listen 192.0.2.23:80;\n', '        listen 127.0.0.1:80 bind;\n'));
    expect(h.exec('service nginx onestart').code).toBe(0);
    const pid = nginxPid(h);
    expect(h.exec('sockstat -4lq -p 80').stdout).toBe(row(pid, 3, 'tcp4', '127.0.0.1:80') + row(pid, 4, 'tcp4', '*:80'));
  });

  it('opens no socket without an http block', () => {
    const h = host();
    h.fs.writeFile(CONF, 'events {\n}\n');
    expect(h.exec('service nginx onestart').code).toBe(0);
    expect(h.state.processes.find((p) => p.service === 'nginx')!.listeners).toEqual([]);
  });

  it('fails to start on an address the host does not have: the check says so, then nginx itself', () => {
    const h = host();
    h.fs.writeFile(CONF, withServers('        listen 192.0.2.9:80;\n'));
    const bind = 'nginx: [emerg] bind() to 192.0.2.9:80 failed (49: Can\'t assign requested address)\n';
    expect(h.exec('service nginx onestart')).toEqual({
      stdout: `${CHECK}Starting nginx.\n`,
      stderr: `nginx: the configuration file ${CONF} syntax is ok\n${bind}nginx: configuration file ${CONF} test failed\n${bind}${RC}: WARNING: failed to start nginx\n`,
      code: 1,
    });
    expect(h.state.processes.some((p) => p.service === 'nginx')).toBe(false);
    expect(h.exec('nginx -t')).toEqual({ stdout: '', stderr: `nginx: the configuration file ${CONF} syntax is ok\n${bind}nginx: configuration file ${CONF} test failed\n`, code: 1 });
  });

  it('a port in use passes the check but fails the start after 5 tries', () => {
    const h = host();
    h.fs.writeFile(CONF, withServers('        listen 25;\n'));
    const inUse = 'nginx: [emerg] bind() to 0.0.0.0:25 failed (48: Address already in use)\n';
    expect(h.exec('service nginx onestart')).toEqual({
      stdout: `${CHECK}Starting nginx.\n`,
      stderr: `${OK_T}${inUse.repeat(5)}nginx: [emerg] still could not bind()\n${RC}: WARNING: failed to start nginx\n`,
      code: 1,
    });
  });

  it('a failed check stops reload and restart; the running nginx keeps its sockets', () => {
    const h = host();
    h.exec('service nginx onestart');
    const pid = nginxPid(h);
    h.fs.writeFile(CONF, withServers('        listen 192.0.2.9:80;\n'));
    const failed = `nginx: the configuration file ${CONF} syntax is ok\nnginx: [emerg] bind() to 192.0.2.9:80 failed (49: Can't assign requested address)\nnginx: configuration file ${CONF} test failed\n`;
    expect(h.exec('service nginx onereload')).toEqual({ stdout: CHECK, stderr: failed, code: 1 });
    expect(h.exec('service nginx onerestart')).toEqual({ stdout: CHECK, stderr: failed, code: 1 });
    expect(h.exec('sockstat -4lq -p 80').stdout).toBe(row(pid, 3, 'tcp4', '*:80'));
  });

  it('a reload rebinds to the new listen addresses', () => {
    const h = host();
    h.exec('service nginx onestart');
    const pid = nginxPid(h);
    h.fs.writeFile(CONF, withServers('        listen 192.0.2.23:8080;\n'));
    expect(h.exec('service nginx onereload').code).toBe(0);
    expect(h.exec('sockstat -4lq -p 80,8080').stdout).toBe(row(pid, 3, 'tcp4', '192.0.2.23:8080'));
  });

  it('reports configuration errors as nginx does', () => {
    const h = host();
    const cases: Array<[string, string]> = [
      ['events {\n}\nhttp {\n    server {\n        listen 80;\n    }\n', `unexpected end of file, expecting "}" in ${CONF}:7`],
      ['events {\n}\n}\n', `unexpected "}" in ${CONF}:3`],
      ['events {\n}\nworker_processes 1\n', `unexpected end of file, expecting ";" or "}" in ${CONF}:4`],
      [withServers('        listen 99999;\n'), `invalid port in "99999" of the "listen" directive in ${CONF}:7`],
      [withServers('        listen nosuchhost:80;\n'), `host not found in "nosuchhost:80" of the "listen" directive in ${CONF}:7`],
      [withServers('        listen 80 fast;\n'), `invalid parameter "fast" in ${CONF}:7`],
      ['events {\n}\nhttp {\n    include conf.d/site.conf;\n}\n', `open() "/usr/local/etc/nginx/conf.d/site.conf" failed (2: No such file or directory) in ${CONF}:4`],
    ];
    for (const [text, message] of cases) {
      h.fs.writeFile(CONF, text);
      expect(h.exec('nginx -t'), message).toEqual({ stdout: '', stderr: `nginx: [emerg] ${message}\nnginx: configuration file ${CONF} test failed\n`, code: 1 });
    }
    // ngx_event_init_conf runs after the "syntax is ok" line.
    h.fs.writeFile(CONF, 'http {\n}\n');
    expect(h.exec('nginx -t').stderr).toBe(`nginx: the configuration file ${CONF} syntax is ok\nnginx: [emerg] no "events" section in configuration\nnginx: configuration file ${CONF} test failed\n`);
  });

  it('includes files and globs relative to /usr/local/etc/nginx (a glob may match nothing)', () => {
    const h = host();
    h.fs.mkdir('/usr/local/etc/nginx/conf.d');
    h.fs.writeFile(CONF, 'events {\n}\nhttp {\n    include mime.types;\n    include conf.d/*.conf;\n    include /usr/local/etc/nginx/none/*.conf;\n}\n');
    h.fs.writeFile('/usr/local/etc/nginx/conf.d/a.conf', 'server {\n    listen 8001;\n}\n');
    h.fs.writeFile('/usr/local/etc/nginx/conf.d/b.conf', 'server {\n    listen 8002;\n}\n');
    expect(h.exec('nginx -t')).toEqual({ stdout: '', stderr: OK_T, code: 0 });
    h.exec('service nginx onestart');
    const pid = nginxPid(h);
    expect(h.exec('sockstat -4lq -p 8001,8002').stdout).toBe(row(pid, 3, 'tcp4', '*:8001') + row(pid, 4, 'tcp4', '*:8002'));
  });

  it('needs its configuration file (required_files) and honours nginx_reload_quiet', () => {
    const h = host();
    h.exec('sysrc nginx_reload_quiet=YES');
    expect(h.exec('service nginx onestart')).toEqual({ stdout: 'Starting nginx.\n', stderr: '', code: 0 });
    expect(h.exec('service nginx onereload')).toEqual({ stdout: '', stderr: '', code: 0 });
    h.exec('service nginx onestop');
    h.fs.remove(CONF);
    expect(h.exec('service nginx onestart')).toEqual({
      stdout: '',
      stderr: `${RC}: WARNING: ${CONF} is not readable.\n${RC}: WARNING: failed precmd routine for nginx\n`,
      code: 1,
    });
  });

  it('nginx -v, -q and -c; not installed means not found', () => {
    const h = host();
    expect(h.exec('nginx -v')).toEqual({ stdout: '', stderr: 'nginx version: nginx/1.26.2\n', code: 0 });
    expect(h.exec('nginx -tq')).toEqual({ stdout: '', stderr: '', code: 0 });
    h.fs.writeFile('/tmp/other.conf', 'http {\n}\n');
    expect(h.exec('nginx -t -c /tmp/other.conf').stderr).toContain('nginx: configuration file /tmp/other.conf test failed\n');
    expect(h.exec('nginx -x')).toEqual({ stdout: '', stderr: 'nginx: invalid option: "x"\n', code: 1 });
    h.exec('pkg delete -y nginx');
    expect(h.exec('nginx -t')).toEqual({ stdout: '', stderr: 'sh: nginx: not found\n', code: 127 });
    // service.sh echoes the not-found message to stdout.
    expect(h.exec('service nginx onestart').stdout).toContain('nginx does not exist in /etc/rc.d or the local startup\n');
  });
});

describe('service nginx in a jail', () => {
  function jailHost(): SimHost {
    const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
    writeBaseSystem(h.fs, '/usr/jails/www');
    h.fs.writeFile('/etc/jail.conf', 'www {\n  path = /usr/jails/www;\n  host.hostname = www.example.org;\n  ip4.addr = 192.0.2.50;\n  persist;\n}\n');
    h.exec('ifconfig em0 alias 192.0.2.50/32');
    expect(h.exec('jail -c www').code).toBe(0);
    expect(h.exec('pkg -j www install -y nginx').code).toBe(0);
    return h;
  }

  it('reads the jail\'s nginx.conf; its wildcard listen binds the jail\'s one address', () => {
    const h = jailHost();
    expect(h.exec('sysrc -j www nginx_enable=YES').code).toBe(0);
    expect(h.exec('service -j www nginx start')).toEqual({ stdout: `${CHECK}Starting nginx.\n`, stderr: OK_T, code: 0 });
    const pid = nginxPid(h);
    expect(h.state.processes.find((p) => p.pid === pid)!.jail).toBe('www');
    expect(h.exec('sockstat -4lq -j www').stdout).toContain(row(pid, 3, 'tcp4', '192.0.2.50:80'));
    // The host's own nginx.conf is not the one read: there is none.
    expect(h.fs.exists(CONF)).toBe(false);
    expect(h.exec('jexec www cat /var/run/nginx.pid').stdout).toBe(`${pid}\n`);
  });

  it('refuses an address the jail does not have, even one the host has', () => {
    const h = jailHost();
    h.fs.writeFile(`/usr/jails/www${CONF}`, withServers('        listen 192.0.2.23:80;\n'));
    const r = h.exec('jexec www service nginx onestart');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("nginx: [emerg] bind() to 192.0.2.23:80 failed (49: Can't assign requested address)\n");
    expect(r.stderr.endsWith(`${RC}: WARNING: failed to start nginx\n`)).toBe(true);
  });
});
