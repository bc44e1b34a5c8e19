// The probe report as text for the CLI and the VS Code output channel: the verdict and next step first, then
// the evidence for it (DNS chain, TCP, TLS), then notes. ASCII only, so it reads the same in every terminal.

import { endpoint } from './tcp-connect';
import type { DnsResult, ProbeReport, TcpResult, TlsResult } from './types';

export function formatProbeReport(report: ProbeReport): string {
  const lines: string[] = [];
  const ports = report.target.ports.join(', ');
  lines.push(`Probe of ${report.target.host}${report.target.family ? ` (${report.target.family}, port ${ports})` : ` (port ${ports})`}`);
  lines.push(`Verdict:   ${report.verdict}`);
  lines.push(`Summary:   ${report.summary}`);
  lines.push(`Next step: ${report.nextStep}`);
  lines.push('');
  lines.push(...dnsLines(report.dns, report.target.expectedIps));
  for (const tcp of report.tcp) lines.push(tcpLine(tcp));
  lines.push(...tlsLines(report.tls));
  if (report.notes.length > 0) {
    lines.push('Notes:');
    for (const note of report.notes) lines.push(`  - ${note}`);
  }
  lines.push(`Started ${report.startedAt}, took ${report.durationMs} ms. No Redis command was sent and no credential was used.`);
  return `${lines.join('\n')}\n`;
}

function dnsLines(dns: DnsResult, expectedIps: readonly string[]): string[] {
  if (dns.outcome === 'skipped') return ['DNS  skipped: the target is an IP address'];
  const lines = [`DNS  ${dns.outcome} in ${dns.durationMs} ms (asked ${dns.servers.join(', ')})`];
  const first = dns.chain[0]?.name ?? dns.finalName;
  lines.push(`       ${first}`);
  for (const hop of dns.chain) lines.push(`         CNAME ${hop.target}`);
  for (const a of dns.addresses) lines.push(`         ${a.family === 4 ? 'A    ' : 'AAAA '} ${a.address}  ${a.scope}${a.range === a.scope ? '' : ` (${a.range})`}`);
  if (dns.outcome !== 'resolved') lines.push(`         ${dns.message}`);
  if (dns.system) {
    const answer = dns.system.addresses.length > 0 ? dns.system.addresses.join(', ') : `no answer (${dns.system.errorCode})`;
    lines.push(`     this machine's resolver (hosts file first): ${answer}${dns.system.differs ? ' - differs from DNS' : ''}`);
  }
  if (dns.expectedZone) lines.push(`     privatelink zone ${dns.expectedZone}: ${dns.viaExpectedZone ? 'on the chain' : 'not on the chain'}`);
  else if (dns.privatelinkZone) lines.push(`     privatelink zone on the chain: ${dns.privatelinkZone}`);
  if (expectedIps.length > 0) {
    const match = dns.matchesEndpoint === null ? 'not compared' : dns.matchesEndpoint ? 'matches' : 'does NOT match';
    lines.push(`     endpoint IP ${expectedIps.join(', ')}: ${match}`);
  }
  return lines;
}

function tcpLine(tcp: TcpResult): string {
  const where = tcp.address ? endpoint(tcp.address, tcp.port) : `port ${tcp.port}`;
  const kind = tcp.tlsPort ? 'TCP ' : 'TCP (non-TLS port)';
  if (tcp.outcome === 'connected') return `${kind} ${where} connected in ${tcp.connectMs} ms`;
  return `${kind} ${where} ${tcp.outcome}: ${tcp.message}`;
}

function tlsLines(tls: TlsResult): string[] {
  if (tls.outcome === 'skipped') return [`TLS  skipped: ${tls.message}`];
  const sni = tls.serverName ? `SNI ${tls.serverName}` : 'no SNI (IP address)';
  const lines = [`TLS  ${tls.outcome} (${sni}${tls.protocol ? `, ${tls.protocol}` : ''}${tls.handshakeMs !== null ? `, ${tls.handshakeMs} ms` : ''}): ${tls.message}`];
  const cert = tls.certificate;
  if (cert) {
    lines.push(`     certificate ${cert.subject}; names ${cert.subjectAltNames.join(', ') || 'none'}`);
    lines.push(`     issued by ${cert.issuer}; valid ${cert.validFrom} to ${cert.validTo}`);
    lines.push(`     trusted: ${tls.trusted ? 'yes' : 'no'}; covers ${tls.checkedName}: ${tls.nameMatches ? 'yes' : 'no'}`);
  }
  return lines;
}
