/**
 * Everything rebind reads, in the play's one fact exec. rc.conf values, files
 * and service states use the sysrc / file / service fact keys, so tasks of
 * those modules and rebind see each other's predicted changes.
 */
import { fileFact } from '../facts/file-fact.js';
import { serviceStatusFact } from '../service/facts.js';
import { rcValueFact } from '../sysrc/facts.js';
import type { FactSpec } from '../types.js';
import type { RebindArgs } from './args.js';
import { MAIN_CF, SSHD_CONFIG, rcTarget } from './daemons.js';
import { jailIpsFact } from './jail-ips.js';
import { listenersFact } from './listeners.js';
import { sessionAddressFact } from './session.js';

export function rebindFacts(args: RebindArgs): FactSpec[] {
  const specs: FactSpec[] = [listenersFact()];
  if (args.jail_ips === undefined) specs.push(jailIpsFact());
  for (const d of args.daemons) {
    switch (d) {
      case 'syslogd':
      case 'inetd':
        specs.push(rcValueFact(rcTarget(`${d}_flags`)), serviceStatusFact({ name: d }));
        break;
      case 'sshd':
        specs.push(fileFact(SSHD_CONFIG), serviceStatusFact({ name: d }), sessionAddressFact());
        break;
      case 'postfix':
        specs.push(fileFact(MAIN_CF), serviceStatusFact({ name: d }));
        break;
      case 'sendmail':
        specs.push(rcValueFact(rcTarget('sendmail_enable')));
        break;
    }
  }
  return specs;
}
