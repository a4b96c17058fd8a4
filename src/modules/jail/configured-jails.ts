/**
 * The jails configured on a host, running or not: those /etc/jail.conf
 * defines (with what it `.include`s from /etc/jail.conf.d) and those each
 * /etc/jail.conf.d/*.conf file defines. A jail's root comes from the file
 * rc.d/jail starts it with (freebsd.md §1, parse_options):
 * /etc/jail.conf.d/NAME.conf alone when that file defines it, else
 * /etc/jail.conf — the jail module writes the former and starts the jail
 * through rc.d.
 */
import { quote } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { pathScope } from '../scopes.js';
import type { FactSpec } from '../types.js';
import { CONF_DIR, JAIL_CONF } from './conf-render.js';
import { confJails, type ConfJail } from './conf-jails.js';

const KEY = 'jail-conf-files::';

/**
 * Every file as `=PATH` then its lines each behind `|`, so no content can
 * pass for a file's start (awk ends a last line that has no newline). A
 * missing jail.conf or an empty directory lists nothing: `[ -f ]` drops
 * the unmatched glob.
 */
export function confFilesFact(): FactSpec<Map<string, string>> {
  return {
    key: KEY,
    command: `for f in ${quote(JAIL_CONF)} ${quote(CONF_DIR)}/*.conf; do [ -f "$f" ] || continue; printf '=%s\\n' "$f"; awk '{ print "|" $0 }' "$f" || exit 1; done`,
    reads: [pathScope(JAIL_CONF), pathScope(CONF_DIR)],
    parse(out) {
      if (out.code !== 0) throw new FactParseError(KEY, 'cannot read the jail configuration', out);
      const files = new Map<string, string>();
      let current: string | undefined;
      const body = out.stdout.replace(/\n$/, '');
      for (const line of body === '' ? [] : body.split('\n')) {
        if (line.startsWith('=')) {
          current = line.slice(1);
          files.set(current, '');
        } else if (line.startsWith('|') && current !== undefined) files.set(current, `${files.get(current)!}${line.slice(1)}\n`);
        else throw new FactParseError(KEY, `unexpected line ${JSON.stringify(line)}`, out);
      }
      return files;
    },
  };
}

/** Configured jails in order: jail.conf's, then those only a jail.conf.d file defines. Throws ConfFileError. */
export function configuredJails(files: ReadonlyMap<string, string>): ConfJail[] {
  const main = files.has(JAIL_CONF) ? confJails(JAIL_CONF, files) : [];
  const own = [...files.keys()].filter((f) => f.startsWith(`${CONF_DIR}/`)).sort();
  const alone = own.flatMap((f) => confJails(f, new Map([[f, files.get(f)!]])));
  const names = [...new Set([...main, ...alone].map((j) => j.name))];
  return names.map((name) => {
    const fromOwnFile = alone.find((j) => j.name === name && j.file === `${CONF_DIR}/${name}.conf`);
    return fromOwnFile ?? main.find((j) => j.name === name) ?? alone.find((j) => j.name === name)!;
  });
}
