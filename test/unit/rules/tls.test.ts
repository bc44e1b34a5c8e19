import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cache, graphOf, healthyDesign, run, spanOf, unknown } from './builders';
import { assertNone, assertSpan, single } from './assertions';

test('non-tls-port-enabled: fires on enableNonSslPort: true, offers false', () => {
  const c = cache({ enableNonSslPort: true });
  const f = single(run('non-tls-port-enabled', graphOf([c])));
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /^trading-prices-weu enables the non-TLS port 6379/);
  assertSpan(f, spanOf(c, 'properties.enableNonSslPort'));
  assert.deepEqual(f.fixes, [{ kind: 'setProperty', title: 'Set enableNonSslPort to false', nodeId: c.id, path: 'properties.enableNonSslPort', value: false }]);
});

test('non-tls-port-enabled: silent when false, absent or unknown', () => {
  assertNone(run('non-tls-port-enabled', graphOf([cache({ enableNonSslPort: false })])));
  assertNone(run('non-tls-port-enabled', graphOf(healthyDesign())));
  assertNone(run('non-tls-port-enabled', graphOf([cache({ enableNonSslPort: unknown('parameter') })])));
});

test('minimum-tls-version: fires on 1.0 and 1.1, offers 1.2', () => {
  for (const version of ['1.0', '1.1']) {
    const c = cache({ minimumTlsVersion: version });
    const f = single(run('minimum-tls-version', graphOf([c])));
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, `trading-prices-weu accepts TLS ${version}: TLS 1.0 and 1.1 are retired. Set minimumTlsVersion to '1.2'.`);
    assertSpan(f, spanOf(c, 'properties.minimumTlsVersion'));
    assert.deepEqual(f.fixes, [{ kind: 'setProperty', title: "Set minimumTlsVersion to '1.2'", nodeId: c.id, path: 'properties.minimumTlsVersion', value: '1.2' }]);
  }
});

test('minimum-tls-version: silent on 1.2, absent (service default) or unknown', () => {
  assertNone(run('minimum-tls-version', graphOf([cache({ minimumTlsVersion: '1.2' })])));
  assertNone(run('minimum-tls-version', graphOf(healthyDesign())));
  assertNone(run('minimum-tls-version', graphOf([cache({ minimumTlsVersion: unknown('parameter') })])));
});
