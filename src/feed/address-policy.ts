/**
 * The SSRF guard for feeds added at run time (`/sitrep feeds add`): a feed may not reach
 * loopback, private, link-local (cloud metadata at 169.254.169.254 included), carrier-grade NAT,
 * multicast or reserved addresses — checked on every resolved address of the first request and
 * of every redirect (fetch-feed.ts `allowAddress`) — unless the config's allowlist names the
 * host, the address or a range holding it (`feedAdmin.allowAddresses`).
 */
import net from 'node:net';

const BLOCKED_V4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const BLOCKED_V6: readonly [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (AWS metadata fd00:ec2::254 included)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];

function blockList(ranges: readonly string[]): { list: net.BlockList; hosts: Set<string> } {
  const list = new net.BlockList();
  const hosts = new Set<string>();
  for (const entry of ranges) {
    const [addr = '', bits] = entry.trim().split('/');
    const family = net.isIP(addr);
    if (family === 0) {
      hosts.add(entry.trim().toLowerCase());
      continue;
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return { list, hosts };
}

const DENY = new net.BlockList();
for (const [a, p] of BLOCKED_V4) DENY.addSubnet(a, p, 'ipv4');
for (const [a, p] of BLOCKED_V6) DENY.addSubnet(a, p, 'ipv6');

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries. */
function unmapped(ip: string): { ip: string; type: 'ipv4' | 'ipv6' } {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m?.[1]) return { ip: m[1], type: 'ipv4' };
  return { ip, type: net.isIP(ip) === 6 ? 'ipv6' : 'ipv4' };
}

/** True for an address a runtime-added feed may never reach by default. */
export function isNonPublicAddress(ip: string): boolean {
  const a = unmapped(ip);
  if (net.isIP(a.ip) === 0) return true;
  return DENY.check(a.ip, a.type);
}

/** Builds the `allowAddress(ip, host)` hook for fetchFeed from the config's allowlist. */
export function createAddressPolicy(
  allowlist: readonly string[],
): (ip: string, host: string) => boolean {
  const allowed = blockList(allowlist);
  return (ip, host) => {
    if (allowed.hosts.has(host.toLowerCase())) return true;
    const a = unmapped(ip);
    if (net.isIP(a.ip) !== 0 && allowed.list.check(a.ip, a.type)) return true;
    return !isNonPublicAddress(ip);
  };
}
