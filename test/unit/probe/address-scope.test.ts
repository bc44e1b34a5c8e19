import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAddress, sameAddress } from '../../../src/probe/address-scope';

test('private endpoint ranges are private: RFC 1918, RFC 6598 and IPv6 ULA, edges included', () => {
  for (const address of ['10.0.0.0', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '100.127.255.255', 'fd00::1', 'fc00::', '::ffff:10.1.2.4']) {
    assert.equal(classifyAddress(address)?.scope, 'private', address);
  }
});

test('just outside the private ranges is public', () => {
  for (const address of ['9.255.255.255', '11.0.0.0', '172.15.255.255', '172.32.0.0', '192.169.0.1', '100.63.255.255', '100.128.0.0', '20.50.1.2', '2603:1020::1', 'fe00::1']) {
    assert.equal(classifyAddress(address)?.scope, 'public', address);
  }
});

test('loopback and link-local are their own scopes; range labels name the block', () => {
  assert.deepEqual(classifyAddress('127.0.0.1'), { address: '127.0.0.1', family: 4, scope: 'loopback', range: 'loopback 127.0.0.0/8' });
  assert.equal(classifyAddress('::1')?.scope, 'loopback');
  assert.equal(classifyAddress('169.254.169.254')?.scope, 'link-local');
  assert.equal(classifyAddress('fe80::1')?.scope, 'link-local');
  assert.equal(classifyAddress('172.20.0.1')?.range, 'RFC 1918 172.16.0.0/12');
  assert.equal(classifyAddress('100.100.0.1')?.range, 'RFC 6598 100.64.0.0/10');
});

test('not an IP address is undefined', () => {
  assert.equal(classifyAddress('cache1.redis.cache.windows.net'), undefined);
  assert.equal(classifyAddress('10.1.2'), undefined);
});

test('sameAddress compares IPv6 spellings, not text', () => {
  assert.equal(sameAddress('fd00:0:0::5', 'fd00::5'), true);
  assert.equal(sameAddress('10.1.2.4', '10.1.2.4'), true);
  assert.equal(sameAddress('10.1.2.4', '10.1.2.5'), false);
  assert.equal(sameAddress('10.1.2.4', 'fd00::5'), false);
});
