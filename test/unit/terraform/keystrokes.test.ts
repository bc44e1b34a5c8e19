// The Terraform keystroke path (a workspace re-analysed under the same paths: blocks re-parsed only where an edit
// touched them, resources' evaluation and ARM shape reused where nothing they read changed) must find exactly what
// a fresh analysis of the same texts finds, under other paths: the same findings at the same places, the same
// graph, the same problems. Checked on seeded chains of random edits over the example workspace (root module,
// local module, tfvars: each step edits one of its files) and over a file using variables, locals, for_each,
// count, dynamic blocks and data sources; and on the edits reuse must get right, one by one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyseDesign } from '../../../src/lint/analyse';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { randomTfEdit, seeded } from '../../support/tf-edits';
import { exampleWorkspace, MANY_KINDS, type DesignText } from './keystroke-designs';

/** Findings, graph nodes and problems as JSON, with the workspace root written as `<root>` so two roots compare. */
function observable(root: string, files: readonly DesignText[], options: { oneShot?: boolean } = {}): string {
  const { graph, findings } = analyseDesign(
    files.map((f) => ({ path: join(root, f.name), text: f.text })),
    DEFAULT_CONFIG,
    options,
  );
  return JSON.stringify({ findings, nodes: graph.nodes, problems: graph.problems, coverage: graph.coverage }).split(root).join('<root>');
}

function same(actual: string, expected: string, message: string): void {
  if (actual === expected) return;
  let i = 0;
  while (actual[i] === expected[i]) i++;
  assert.fail(`${message}: differs at ${i}\n  keystroke: …${actual.slice(Math.max(0, i - 300), i + 200)}\n  fresh:     …${expected.slice(Math.max(0, i - 300), i + 200)}`);
}

let fresh = 0;
let editors = 0;

/** An editor session on `files`: each `type` re-analyses under the same root and compares with a fresh root. */
function session(initial: readonly DesignText[]) {
  const root = `/tf-keystrokes/${editors++}`;
  let files = initial.slice();
  const check = (message: string) => same(observable(root, files), observable(`/tf-fresh/${fresh++}`, files), message);
  check('before any edit');
  return {
    get files() {
      return files;
    },
    edit(name: string, change: (text: string) => string, message: string) {
      const at = files.findIndex((f) => f.name === name);
      assert.ok(at >= 0, name);
      files = files.map((f, i) => (i === at ? { name: f.name, text: change(f.text) } : f));
      check(message);
    },
  };
}

const workspaces: { name: string; files: DesignText[] }[] = [
  { name: 'examples/terraform', files: exampleWorkspace() },
  { name: 'many-kinds.tf', files: [{ name: 'main.tf', text: MANY_KINDS }] },
  {
    name: 'many-kinds in two files of one module',
    files: [
      { name: 'variables.tf', text: MANY_KINDS.slice(0, MANY_KINDS.indexOf('data "azurerm_client_config"')) },
      { name: 'main.tf', text: MANY_KINDS.slice(MANY_KINDS.indexOf('data "azurerm_client_config"')) },
    ],
  },
];

for (const [n, workspace] of workspaces.entries()) {
  test(`keystrokes give what a fresh analysis gives: ${workspace.name}`, () => {
    for (const seed of [1, 2, 3, 4]) {
      const next = seeded(8200 + n * 10 + seed);
      const editor = session(workspace.files);
      for (let step = 0; step < 25; step++) {
        const file = editor.files[Math.floor(next() * editor.files.length)];
        editor.edit(file.name, (text) => randomTfEdit(text, next), `seed ${seed} step ${step} (${file.name})`);
      }
    }
  });
}

/** Replaces the first `from` (must exist) in a text. */
const replace = (from: string, to: string) => (text: string) => {
  assert.ok(text.includes(from), from);
  return text.replace(from, to);
};

test('keystroke: typing inside one block, character by character, then deleting it again', () => {
  const editor = session([{ name: 'main.tf', text: MANY_KINDS }]);
  const word = '-typed';
  for (let i = 1; i <= word.length; i++) editor.edit('main.tf', replace('"vnet-hub' + word.slice(0, i - 1), '"vnet-hub' + word.slice(0, i)), `typed ${i}`);
  for (let i = word.length; i > 0; i--) editor.edit('main.tf', replace('"vnet-hub' + word.slice(0, i), '"vnet-hub' + word.slice(0, i - 1)), `deleted ${i}`);
});

test('keystroke: a new line inside a block moves every finding after it', () => {
  const editor = session([{ name: 'main.tf', text: MANY_KINDS }]);
  editor.edit('main.tf', replace('  address_space       = ["10.0.0.0/16"]\n', '  address_space       = ["10.0.0.0/16"]\n\n\n'), 'lines added');
  editor.edit('main.tf', replace('  address_space       = ["10.0.0.0/16"]\n\n', '  address_space       = ["10.0.0.0/16"]\n'), 'a line removed');
});

test('keystroke: adding and removing a block others refer to', () => {
  const text = MANY_KINDS.replace('resource "azurerm_private_dns_zone" "redis" {\n  name                = local.zone\n  resource_group_name = local.rg\n}\n', '');
  const editor = session([{ name: 'main.tf', text }]);
  const zone = 'resource "azurerm_private_dns_zone" "redis" {\n  name                = local.zone\n  resource_group_name = local.rg\n}\n\n';
  editor.edit('main.tf', (t) => t + zone, 'the zone declared: the link and the zone groups read it');
  editor.edit('main.tf', (t) => t.replace(zone, ''), 'the zone removed again');
  editor.edit('main.tf', (t) => zone + t, 'the zone declared first in the file');
});

test('keystroke: the default of a variable many blocks read, and a local that reads a local', () => {
  const editor = session([{ name: 'main.tf', text: MANY_KINDS }]);
  editor.edit('main.tf', replace('default = "westeurope"', 'default = "northeurope"'), 'variable default');
  editor.edit('main.tf', replace('rg     = "rg-${var.location}"', 'rg     = "rg2-${var.location}"'), 'local read by a local');
  editor.edit('main.tf', replace('zone   = "privatelink.redis.cache.windows.net"', 'zone   = "privatelink.redis.azure.net"'), 'local read by the zone only');
});

test('keystroke: the for_each collection of the caches, and the set a dynamic block iterates', () => {
  const editor = session([{ name: 'main.tf', text: MANY_KINDS }]);
  editor.edit('main.tf', replace('    carts  = { sku = "Premium", public = true }\n', '    carts  = { sku = "Premium", public = true }\n    items  = { sku = "Basic" }\n'), 'a cache added to the map');
  editor.edit('main.tf', replace('{ sku = "Premium", public = true }', '{ sku = "Premium", public = false }'), 'one cache made private');
  editor.edit('main.tf', replace('default = ["a", "b"]', 'default = ["a"]'), 'one team left: one zone group');
  editor.edit('main.tf', replace('count                = 1', 'count                = 2'), 'count of the subnet');
});

test('keystroke: edits across two files of one module (a variable in one, its readers in the other)', () => {
  const files = workspaces[2].files;
  const editor = session(files);
  editor.edit('variables.tf', replace('default = "westeurope"', 'default = "eastus"'), 'variable default in variables.tf');
  editor.edit('main.tf', replace('subresource_names              = ["redisCache"]', 'subresource_names              = ["redisEnterprise"]'), 'group id in main.tf');
  editor.edit('variables.tf', replace('zone   = "privatelink.redis.cache.windows.net"', 'zone   = "privatelink.redis.azure.net"'), 'zone local in variables.tf');
  // A block moved from one file to the other: the same text, declared by another file now.
  const hub = MANY_KINDS.slice(MANY_KINDS.indexOf('resource "azurerm_virtual_network" "hub"'), MANY_KINDS.indexOf('resource "azurerm_subnet" "pe"'));
  editor.edit('main.tf', (t) => t.replace(hub, ''), 'the network removed from main.tf');
  editor.edit('variables.tf', (t) => t + '\n' + hub, 'and added to variables.tf');
});

test('keystroke: the tfvars and the local module of the example workspace', () => {
  const editor = session(exampleWorkspace());
  const tfvars = editor.files.find((f) => f.name === 'terraform.tfvars')!;
  const module = editor.files.find((f) => f.name.startsWith('modules/'))!;
  editor.edit(tfvars.name, (t) => t + '\nlocation = "northeurope"\n', 'a tfvars value every resource reads');
  editor.edit(module.name, (t) => t.replace(/\n/, '\n\n'), 'a line added at the top of the local module');
  editor.edit('main.tf', replace('"redisEnterprise"', '"redisCache"'), 'the module argument fixed');
});

test('the one-shot mode (the CLI) neither reads nor changes what the editor keeps', () => {
  const files = [{ name: 'main.tf', text: MANY_KINDS }];
  const root = `/tf-keystrokes/${editors++}`;
  const path = join(root, 'main.tf');
  const editor = analyseDesign([{ path, text: MANY_KINDS }], DEFAULT_CONFIG);
  const before = JSON.stringify(editor.graph.nodes);
  // The same path in one-shot mode with an edited text: were it re-parsed from the editor's tree, that tree's
  // blocks would move, and the editor's analysis would read other ranges.
  const edited = '\n\n\n' + MANY_KINDS;
  const oneShot = observable(root, [{ name: 'main.tf', text: edited }], { oneShot: true });
  assert.equal(JSON.stringify(editor.graph.nodes), before);
  same(oneShot, observable(`/tf-fresh/${fresh++}`, [{ name: 'main.tf', text: edited }]), 'one-shot');
  // And the editor's next keystroke still builds on its own previous version.
  same(observable(root, files), observable(`/tf-fresh/${fresh++}`, files), 'editor after a one-shot run');
});
