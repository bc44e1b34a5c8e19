import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';

// The TextMate injection grammar (syntaxes/private-link.injection.tmLanguage.json). Its regexes use only syntax
// that Oniguruma and JavaScript read alike (fixed-length lookbehind alternatives, \b, classes), so JavaScript's
// RegExp stands in for VS Code's engine here; the real-VS-Code suite shows the highlighting.

interface Pattern {
  match: string;
  name?: string;
  captures?: Record<string, { name: string }>;
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: { include: string }[];
  repository: Record<string, Pattern>;
}

const root = repoRoot();
const grammar = JSON.parse(readFileSync(join(root, 'syntaxes', 'private-link.injection.tmLanguage.json'), 'utf8')) as Grammar;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { grammars: { scopeName: string; path: string; injectTo: string[] }[] };
};

function scopesIn(line: string): { text: string; scope: string }[] {
  const found: { text: string; scope: string }[] = [];
  for (const { include } of grammar.patterns) {
    const rule = grammar.repository[include.slice(1)];
    const re = new RegExp(rule.match, 'g');
    for (const m of line.matchAll(re)) {
      if (rule.name) found.push({ text: m[0], scope: rule.name });
      for (const [group, capture] of Object.entries(rule.captures ?? {})) {
        if (m[Number(group)]) found.push({ text: m[Number(group)].trim(), scope: capture.name });
      }
    }
  }
  return found;
}

test('the manifest injects the grammar into Bicep and YAML under its own scope name', () => {
  const entry = manifest.contributes.grammars.find((g) => g.path.endsWith('private-link.injection.tmLanguage.json'));
  assert.ok(entry, 'package.json contributes the injection grammar');
  assert.equal(entry.scopeName, grammar.scopeName);
  assert.ok(entry.injectTo.includes('source.bicep') && entry.injectTo.includes('source.yaml'));
});

test('the injection only applies inside strings and comments, so it can only add scopes to the host grammar', () => {
  const parts = grammar.injectionSelector.split(',').map((p) => p.trim());
  assert.ok(parts.length >= 4);
  for (const part of parts) assert.match(part, /^L:source\.[\w.]+ (string|comment)$/, part);
});

test('group ids are marked, and only as whole words', () => {
  assert.deepEqual(scopesIn("          groupIds: ['redisCache']"), [{ text: 'redisCache', scope: 'support.constant.group-id.plreview' }]);
  assert.deepEqual(scopesIn('    groupId: redisEnterprise'), [{ text: 'redisEnterprise', scope: 'support.constant.group-id.plreview' }]);
  assert.deepEqual(scopesIn('    groupId: redisEnterpriseCache   # invented'), []);
  assert.deepEqual(scopesIn("name: 'myredisCache2'"), []);
});

test('privatelink zone names are marked whole', () => {
  assert.deepEqual(scopesIn("  name: 'privatelink.redis.cache.windows.net'"), [
    { text: 'privatelink.redis.cache.windows.net', scope: 'support.type.private-dns-zone.plreview' },
  ]);
  assert.deepEqual(scopesIn('dnsZones: [privatelink.redisenterprise.cache.azure.net]').map((s) => s.text), ['privatelink.redisenterprise.cache.azure.net']);
  assert.deepEqual(scopesIn("name: 'notprivatelink.example.com'"), []);
});

test('publicNetworkAccess values are marked in Bicep, YAML and JSON', () => {
  const scope = 'constant.language.public-network-access.plreview';
  assert.deepEqual(scopesIn("    publicNetworkAccess: 'Enabled'"), [{ text: 'Enabled', scope }]);
  assert.deepEqual(scopesIn('    publicNetworkAccess: Disabled'), [{ text: 'Disabled', scope }]);
  assert.deepEqual(scopesIn('        "publicNetworkAccess": "Enabled"'), [{ text: 'Enabled', scope }]);
  assert.deepEqual(scopesIn("    enabled: 'Enabled'"), []);
});

test('the suppression comment and its rule ids are marked', () => {
  assert.deepEqual(scopesIn('// plreview-disable-next-line group-id-mismatch dns-zone-mismatch'), [
    { text: 'plreview-disable-next-line', scope: 'keyword.control.directive.suppression.plreview' },
    { text: 'group-id-mismatch dns-zone-mismatch', scope: 'entity.name.label.rule-id.plreview' },
  ]);
  assert.deepEqual(scopesIn('# plreview-disable-next-line').map((s) => s.scope), ['keyword.control.directive.suppression.plreview']);
});
