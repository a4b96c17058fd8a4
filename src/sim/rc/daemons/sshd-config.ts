/**
 * The parts of sshd_config(5) that decide where sshd listens, and the checks
 * `sshd -t` makes: unknown keywords and unusable ListenAddress values, with
 * OpenSSH's messages (log.c writes them to stderr ending in "\r\n").
 */
import { ContentLru } from '../../../content-lru.js';
import { isIPv4, resolveHost } from '../addresses.js';

/** OpenSSH 9.x server keywords (servconf.c keywords[]), lower-cased. */
const KEYWORDS = new Set(
  `acceptenv addressfamily allowagentforwarding allowgroups allowstreamlocalforwarding allowtcpforwarding allowusers
authenticationmethods authorizedkeyscommand authorizedkeyscommanduser authorizedkeysfile authorizedprincipalscommand
authorizedprincipalscommanduser authorizedprincipalsfile banner casignaturealgorithms challengeresponseauthentication
channeltimeout chrootdirectory ciphers clientalivecountmax clientaliveinterval compression denygroups denyusers
disableforwarding exposeauthinfo fingerprinthash forcecommand gatewayports gssapiauthentication gssapicleanupcredentials
gssapikeyexchange gssapistrictacceptorcheck gssapistorecredentialsonrekey hostbasedacceptedalgorithms
hostbasedacceptedkeytypes hostbasedauthentication hostbasedusesnamefrompacketonly hostcertificate hostkey hostkeyagent
hostkeyalgorithms ignorerhosts ignoreuserknownhosts include ipqos kbdinteractiveauthentication kerberosauthentication
kerberosgetafstoken kerberosorlocalpasswd kerberosticketcleanup kexalgorithms listenaddress logingracetime loglevel
logverbose macs match maxauthtries maxsessions maxstartups modulifile passwordauthentication permitemptypasswords
permitlisten permitopen permitrootlogin permittty permittunnel permituserenvironment permituserrc perseclimitpenalties
persourcemaxstartups persourcenetblocksize persourcepenalties persourcepenaltyexemptlist pidfile port printlastlog
printmotd pubkeyacceptedalgorithms pubkeyacceptedkeytypes pubkeyauthentication pubkeyauthoptions rdomain
refuseconnection rekeylimit requiredrsasize revokedkeys securitykeyprovider setenv sshdsessionpath
streamlocalbindmask streamlocalbindunlink strictmodes subsystem syslogfacility tcpkeepalive trustedusercakeys
unusedconnectiontimeout useblacklist useblocklist usedns usepam versionaddendum x11displayoffset x11forwarding
x11uselocalhost xauthlocation`.split(/\s+/),
);

export interface SshdListen {
  host: string;
  port?: number;
}

export interface SshdConfig {
  listen: SshdListen[];
  ports: number[];
  addressFamily: 'any' | 'inet' | 'inet6';
}

export interface SshdCheck {
  config: SshdConfig;
  /** Full stderr text when `sshd -t` fails (exit 255). */
  error?: string;
}

function parseListen(arg: string): SshdListen | 'bad' {
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(arg);
  if (bracket) return { host: bracket[1]!, port: bracket[2] ? Number(bracket[2]) : undefined };
  const colons = (arg.match(/:/g) ?? []).length;
  if (colons === 1) {
    const [host, port] = arg.split(':');
    if (!host || !/^\d+$/.test(port ?? '')) return 'bad';
    return { host, port: Number(port) };
  }
  return { host: arg };
}

/** A line that is not blank or a comment: its number, keyword and value. */
interface Setting {
  n: number;
  keyword: string;
  value: string;
}

function settingsOf(text: string): Setting[] {
  const out: Setting[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line) ?? [line, line, ''];
    out.push({ n: i + 1, keyword: m[1]!, value: (m[2] ?? '').trim() });
  });
  return out;
}

/** Every sshd start and `sshd -t` reads a config most hosts share, mostly comments: split once per text. */
const SETTINGS = new ContentLru<Setting[]>(64);

/** Parse and check sshd_config text; `file` names it in messages. */
export function checkSshdConfig(
  text: string,
  file: string,
  resolveCtx: { hosts?: string; hostname: string; address?: string },
): SshdCheck {
  const config: SshdConfig = { listen: [], ports: [], addressFamily: 'any' };
  const lines: string[] = [];
  let bad = 0;
  for (const { n, keyword, value } of SETTINGS.get(text, settingsOf)) {
    if (!KEYWORDS.has(keyword.toLowerCase())) {
      lines.push(`${file}: line ${n}: Bad configuration option: ${keyword}`);
      bad++;
      continue;
    }
    switch (keyword.toLowerCase()) {
      case 'port':
        if (!/^\d+$/.test(value) || Number(value) <= 0 || Number(value) > 65535) {
          lines.push(`${file} line ${n}: Badly formatted port number.`);
          bad++;
        } else config.ports.push(Number(value));
        break;
      case 'listenaddress': {
        const arg = value.split(/\s+/)[0] ?? '';
        if (!arg) {
          lines.push(`${file} line ${n}: missing address`);
          bad++;
          break;
        }
        const parsed = parseListen(arg);
        if (parsed === 'bad') {
          lines.push(`${file} line ${n}: bad address:port usage`);
          bad++;
        } else config.listen.push(parsed);
        break;
      }
      case 'addressfamily':
        if (value === 'any' || value === 'inet' || value === 'inet6') config.addressFamily = value;
        break;
      default:
        break;
    }
  }
  if (lines.length) {
    const error = [...lines, `${file}: terminating, ${bad} bad configuration options`].map((l) => `${l}\r\n`).join('');
    return { config, error };
  }
  for (const l of config.listen) {
    const looksNumeric = /^[\d.]+$/.test(l.host);
    const ok = looksNumeric ? isIPv4(l.host) : resolveHost(resolveCtx.hosts, l.host, resolveCtx) !== undefined;
    if (!ok) {
      return { config, error: `bad addr or host: ${l.host} (hostname nor servname provided, or not known)\r\n` };
    }
  }
  if (config.ports.length === 0) config.ports.push(22);
  return { config };
}
