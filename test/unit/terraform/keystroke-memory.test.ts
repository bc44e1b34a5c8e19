// What the Terraform keystroke path keeps between analyses (trees by path, each root module's last evaluation,
// declarations by values, graph nodes by declaration, the version link spans read through) must not grow with the
// number of keystrokes: 400 keystrokes on one file, typed into a different block each time and now and then a
// new line (so kept nodes move), leave the heap where 100 did. A span that kept its file's old version alive would
// keep every version's text: megabytes here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyseDesign } from '../../../src/lint/analyse';
import { DEFAULT_CONFIG } from '../../../src/config/config';

v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function block(i: number): string {
  return `resource "azurerm_redis_cache" "cache${i}" {
  name                          = "cache-${i}"
  location                      = var.location
  resource_group_name           = "rg"
  capacity                      = 1
  family                        = "P"
  sku_name                      = "Premium"
  public_network_access_enabled = false
}

resource "azurerm_private_endpoint" "pe${i}" {
  name                = "pe-${i}"
  location            = var.location
  resource_group_name = "rg"
  subnet_id           = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/pe"

  private_service_connection {
    name                           = "c"
    private_connection_resource_id = azurerm_redis_cache.cache${i}.id
    subresource_names              = ["redisCache"]
    is_manual_connection           = false
  }
}
`;
}

function heapAfterCollection(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

test('400 Terraform keystrokes on a 2,800-line file keep the heap where 100 keystrokes left it', () => {
  const base = 'variable "location" {\n  default = "westeurope"\n}\n\n' + Array.from({ length: 120 }, (_, i) => block(i)).join('\n');
  const path = '/memory/keystrokes.tf';
  let kept = analyseDesign([{ path, text: base }], DEFAULT_CONFIG);
  let after100 = 0;
  for (let i = 1; i <= 400; i++) {
    // Odd keystrokes type into a cache's name, or (every fifth) a line above its block; even ones take it back.
    const n = (i * 17) % 120;
    const at = i % 10 === 5 ? base.indexOf(`resource "azurerm_redis_cache" "cache${n}"`) : base.indexOf(`"cache-${n}"`) + 1;
    const text = i % 2 === 1 ? base.slice(0, at) + (i % 10 === 5 ? '\n' : 'x') + base.slice(at) : base;
    kept = analyseDesign([{ path, text }], DEFAULT_CONFIG);
    if (i === 100) after100 = heapAfterCollection();
  }
  const after400 = heapAfterCollection();
  assert.ok(kept.graph.nodes.length >= 240);
  assert.ok(after400 - after100 < 8_000_000, `the heap grew by ${((after400 - after100) / 1e6).toFixed(1)} MB from keystroke 100 to 400`);
});
