/** services(5) lookups: /etc/services when present, else the well-known few. */
const WELL_KNOWN: Record<string, number> = {
  ftp: 21, ssh: 22, telnet: 23, smtp: 25, time: 37, tftp: 69, finger: 79, http: 80,
  pop3: 110, auth: 113, ntp: 123, imap: 143, comsat: 512, exec: 512, login: 513,
  shell: 514, syslog: 514, talk: 517, ntalk: 518, submission: 587,
};

export function servicePort(servicesText: string | undefined, name: string, proto: 'tcp' | 'udp'): number | undefined {
  if (/^\d+$/.test(name)) return Number(name);
  for (const raw of (servicesText ?? '').split('\n')) {
    const [svc, portProto, ...aliases] = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (!svc || !portProto) continue;
    const [port, p] = portProto.split('/');
    if (p !== proto || (svc !== name && !aliases.includes(name))) continue;
    return Number(port);
  }
  return WELL_KNOWN[name];
}

/** getservbyport(3) over services(5) text: the first name listed for port/proto. */
export function serviceName(servicesText: string | undefined, port: number, proto: string): string | undefined {
  for (const raw of (servicesText ?? '').split('\n')) {
    const [name, pp] = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (name && pp === `${port}/${proto}`) return name;
  }
  return undefined;
}
