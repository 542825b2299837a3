import { describe, expect, it } from 'vitest';
import { createAddressPolicy, isNonPublicAddress } from './address-policy.js';

describe('address policy (SSRF guard for runtime-added feeds)', () => {
  it('refuses loopback, private, link-local, metadata and reserved addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '127.1.2.3',
      '10.0.0.5',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:169.254.169.254',
      'not-an-ip',
    ]) {
      expect(isNonPublicAddress(ip), ip).toBe(true);
    }
  });

  it('lets public addresses through', () => {
    for (const ip of ['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700:4700::1111']) {
      expect(isNonPublicAddress(ip), ip).toBe(false);
    }
  });

  it('allows what the config allowlist names: a range, an address or a host', () => {
    const allow = createAddressPolicy(['127.0.0.0/8', '10.1.2.3', 'intranet.example']);
    expect(allow('127.0.0.1', 'localhost')).toBe(true);
    expect(allow('10.1.2.3', 'feeds.local')).toBe(true);
    expect(allow('10.1.2.4', 'feeds.local')).toBe(false);
    expect(allow('192.168.0.9', 'intranet.example')).toBe(true);
    expect(allow('192.168.0.9', 'other.example')).toBe(false);
    expect(allow('169.254.169.254', 'metadata')).toBe(false);
    const none = createAddressPolicy([]);
    expect(none('127.0.0.1', 'localhost')).toBe(false);
    expect(none('8.8.8.8', 'dns.google')).toBe(true);
  });
});
