/** sshd(8) run by hand: `-t` checks the config (exit 255 on errors); `-T` dumps the listen settings. */
import type { SimCommand } from '../../types.js';
import { sshdTest } from '../../rc/daemons/sshd.js';
import { Output } from './output.js';

export const sshd: SimCommand = (ctx) => {
  const out = new Output();
  const args = ctx.argv.slice(1);
  const test = args.includes('-t');
  const dump = args.includes('-T');
  if (!test && !dump) {
    // Starting sshd outside rc.d is not modelled; say so rather than pretend.
    return out.err('sshd: start sshd with service(8) in the simulator\r\n').result(1);
  }
  const t = sshdTest(ctx, args);
  if (t.code !== 0 || !t.check) return out.err(t.stderr).result(t.code);
  if (dump) {
    const c = t.check.config;
    for (const port of c.ports) out.out(`port ${port}\n`);
    out.out(`addressfamily ${c.addressFamily}\n`);
    if (c.listen.length === 0) {
      for (const port of c.ports) {
        if (c.addressFamily !== 'inet6') out.out(`listenaddress 0.0.0.0:${port}\n`);
        if (c.addressFamily !== 'inet') out.out(`listenaddress [::]:${port}\n`);
      }
    }
    for (const l of c.listen) for (const port of l.port ? [l.port] : c.ports) out.out(`listenaddress ${l.host.includes(':') ? `[${l.host}]` : l.host}:${port}\n`);
  }
  return out.result(0);
};
