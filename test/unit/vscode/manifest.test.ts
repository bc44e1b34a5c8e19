import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';
import { PRIVATE_LINK_SERVICES } from '../../../src/catalog/private-link-services';

// The extension manifest against the code that serves it (the real-VS-Code suite checks the registrations live).
const root = repoRoot();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const source = (file: string) => readFileSync(join(root, 'src', 'vscode', file), 'utf8');

test('every command is declared once, in the "Private Link Review" category, and has a handler', () => {
  const ids: string[] = contributes.commands.map((c: { command: string }) => c.command);
  assert.equal(new Set(ids).size, ids.length);
  const handlers = [...source('commands.ts').matchAll(/^ {2}'(privateLinkReview\.\w+)':/gm)].map((m) => m[1]);
  assert.deepEqual([...handlers].sort(), [...ids].sort());
  for (const c of contributes.commands) assert.equal(c.category, 'Private Link Review', c.command);
  for (const id of ['refresh', 'signIn', 'selectSubscriptions', 'exportEvidence', 'testConnectivity', 'openEstateSnapshot', 'lintWorkspace']) {
    assert.ok(ids.includes(`privateLinkReview.${id}`), id);
  }
});

test('menus only name declared commands, and tree-only commands are hidden from the palette', () => {
  const ids = new Set(contributes.commands.map((c: { command: string }) => c.command));
  for (const [menu, entries] of Object.entries(contributes.menus) as [string, { command: string }[]][]) {
    for (const entry of entries) assert.ok(ids.has(entry.command), `${menu}: ${entry.command}`);
  }
  const hidden = contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
  assert.deepEqual(hidden.sort(), ['privateLinkReview.copyResourceId', 'privateLinkReview.openInPortal', 'privateLinkReview.retrySubscription', 'privateLinkReview.showFindings']);
});

test('welcome views are driven by states the estate controller sets', () => {
  const declared = /export type EstateState =([^;]+);/.exec(source('estate.ts'))![1];
  const states = [...declared.matchAll(/'(\w+)'/g)].map((m) => m[1]);
  const used = contributes.viewsWelcome.map((w: { when: string }) => /privateLinkReview\.state == (\w+)/.exec(w.when)![1]);
  for (const state of ['signedOut', 'noSubscriptions', 'noCaches']) assert.ok(used.includes(state), state);
  for (const state of used) assert.ok(states.includes(state), `viewsWelcome uses unknown state ${state}`);
});

test('context-menu words are words the tree puts in context values', () => {
  // The pure tree model (src/tree) builds the context values; src/vscode/tree.ts passes them through.
  const tree = ['items.ts', 'model.ts'].map((f) => readFileSync(join(root, 'src', 'tree', f), 'utf8')).join('\n');
  const words = new Set(['subscription', 'subscriptionFailed', 'cache', 'target', 'estate', 'resource', 'portal', 'hasFindings']);
  let checked = 0;
  for (const entry of contributes.menus['view/item/context'] as { when: string }[]) {
    for (const m of entry.when.matchAll(/\\b\(?([\w|]+)\)?\\b/g)) {
      for (const word of m[1].split('|')) {
        checked++;
        assert.ok(words.has(word), `unknown context word ${word}`);
        if (word !== 'estate') assert.ok(tree.includes(`'${word}'`), `src/tree never sets ${word}`);
      }
    }
  }
  assert.ok(checked >= 7, `only ${checked} context words found: the check would be vacuous`);
});

test('settings read by the extension are declared, and the endpoint settings are machine-scoped', () => {
  const props = contributes.configuration.properties as Record<string, { scope?: string }>;
  // Plain reads (c.get) and the restricted settings read through the trust check (restricted<T>('key')).
  const read = [...source('config.ts').matchAll(/(?:c\.get|restricted)<[^>]+>\('([\w.]+)'/g)].map((m) => `privateLinkReview.${m[1]}`);
  assert.ok(read.length >= 8);
  for (const key of read) assert.ok(props[key], `${key} is read but not declared`);
  for (const key of ['armEndpoint', 'armCaFile', 'test.fakeCredential']) assert.equal(props[`privateLinkReview.${key}`].scope, 'machine', key);
  assert.ok(!Object.keys(props).some((k) => /token|secret|password|key$/i.test(k)), 'no setting may hold a secret');
});

test('untrusted workspaces: linting works; every setting that reaches Azure or reads an estate is user-only', () => {
  const trust = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  assert.match(trust.description, /untrusted/);
  const restricted: string[] = trust.restrictedConfigurations;
  const props = contributes.configuration.properties as Record<string, { scope?: string }>;
  for (const key of restricted) assert.ok(props[key], `${key} is declared`);
  // The settings whose change reloads the estate (extension.ts) are exactly the ones an untrusted workspace
  // must not set: they choose which file is read, and where the user's token goes.
  const declared = /const estateSettings = \[([^\]]+)\]/.exec(source('extension.ts'));
  assert.ok(declared, 'extension.ts lists the estate settings');
  const estateSettings = [...declared[1].matchAll(/'([\w.]+)'/g)].map((m) => `privateLinkReview.${m[1]}`);
  assert.ok(estateSettings.length >= 5);
  assert.deepEqual([...restricted].sort(), [...estateSettings].sort());
  // Machine-scoped settings are ignored in every workspace; restricted ones only in untrusted workspaces.
  for (const [key, prop] of Object.entries(props)) if (prop.scope === 'machine') assert.ok(restricted.includes(key), `${key} is restricted too`);
  // What stays: the lint settings, which read nothing but the workspace's own design files.
  assert.deepEqual(Object.keys(props).filter((k) => !restricted.includes(k)).sort(), ['privateLinkReview.lint.debounceMs', 'privateLinkReview.lint.enabled']);
});

test('activation events, languages and the files the manifest points at', () => {
  for (const event of ['onLanguage:bicep', 'onLanguage:yaml', 'onLanguage:json', 'workspaceContains:**/*.bicep', 'onView:privateLinkReview.estate']) {
    assert.ok(manifest.activationEvents.includes(event), event);
  }
  const bicep = contributes.languages.find((l: { id: string }) => l.id === 'bicep');
  assert.deepEqual(bicep.extensions, ['.bicep']);
  for (const path of [manifest.icon, contributes.viewsContainers.activitybar[0].icon, bicep.configuration, ...contributes.grammars.map((g: { path: string }) => g.path)]) {
    assert.ok(existsSync(join(root, path)), path);
  }
  const yaml = contributes.yamlValidation[0];
  assert.deepEqual(yaml.fileMatch, ['*.plink.yaml', 'privatelink.design.yaml']);
  assert.equal(yaml.url, './schemas/privatelink-design.schema.json');
});

test('privateLinkReview.services offers exactly the catalog service keys (knowledge stays in the catalog)', () => {
  const setting = contributes.configuration.properties['privateLinkReview.services'] as { items: { enum: string[]; enumDescriptions: string[] }; default: unknown };
  assert.deepEqual(setting.items.enum, PRIVATE_LINK_SERVICES.map((s) => s.id));
  assert.equal(setting.items.enumDescriptions.length, setting.items.enum.length);
  assert.deepEqual(setting.default, [], 'default: every service');
  assert.match(source('estate.ts'), /services: settings\.services/, 'the tree model is given the setting');
  assert.match(source('extension.ts'), /'services'/, 'a change reloads the view');
});
