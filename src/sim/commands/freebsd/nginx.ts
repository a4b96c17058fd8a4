/**
 * /usr/local/sbin/nginx run by hand, as far as checking goes: `nginx -t`
 * (with -q and -c file) and `nginx -v` (nginx src/core/nginx.c
 * ngx_get_options: options may be grouped, "-c" takes the next word when
 * nothing follows it; an unknown one is `invalid option: "x"`, exit 1).
 * Starting or signalling nginx goes through `service nginx ...` in the
 * simulator: `-s` and a bare `nginx` say so.
 */
import type { SimCommand } from '../../types.js';
import { nginxTest, NGINX_CONF } from '../../rc/daemons/nginx.js';
import { CATALOGUE } from '../jail/pkg-catalogue.js';

const BINARY = '/usr/local/sbin/nginx';

export const nginx: SimCommand = (ctx) => {
  const node = ctx.host.fs.stat(ctx.host.fs.resolve(ctx.root, '/', BINARY));
  if (node?.kind !== 'file' || (node.mode & 0o111) === 0) return { stdout: '', stderr: `sh: ${ctx.argv[0]}: not found\n`, code: 127 };
  let test = false;
  let quiet = false;
  let version = false;
  let conf = NGINX_CONF;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) return { stdout: '', stderr: `nginx: invalid option: "${a}"\n`, code: 1 };
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 't') test = true;
      else if (c === 'q') quiet = true;
      else if (c === 'v') version = true;
      else if (c === 'c') {
        const value = a.slice(j + 1) || args[++i];
        if (value === undefined) return { stdout: '', stderr: 'nginx: option "-c" requires file name\n', code: 1 };
        conf = value;
        break;
      } else if ('hVTpegs?'.includes(c)) {
        return { stdout: '', stderr: `nginx: option "-${c}" is not supported by the simulator\n`, code: 1 };
      } else {
        return { stdout: '', stderr: `nginx: invalid option: "${c}"\n`, code: 1 };
      }
    }
  }
  // ngx_show_version: the version, then the test if -t was given too.
  const shown = version ? `nginx version: nginx/${(CATALOGUE.nginx?.version ?? '').replace(/[_,].*$/, '')}\n` : '';
  if (version && !test) return { stdout: '', stderr: shown, code: 0 };
  if (!test) return { stdout: '', stderr: 'nginx: starting nginx by hand is not supported by the simulator; use `service nginx start`\n', code: 1 };
  const r = nginxTest(ctx, { conf, quiet });
  return { stdout: '', stderr: shown + r.stderr, code: r.code };
};
