// What the Terraform design tests share: virtual paths under one root, a findings summary that reads like
// `rule@file:line`, and the hub network (a VNet and the subnet endpoints sit in) most fixtures start from.
import { relative } from 'node:path';
import type { DesignFile } from '../../../src/lint/design-file';
import type { Workspace } from '../design-lint/support';

export const ROOT = '/ws';

export const file = (path: string, text: string): DesignFile => ({ path: `${ROOT}/${path}`, text });

/** Each finding as `ruleId@file:line` (1-based; `live` for findings without a file), sorted. */
export function summary(ws: Workspace): string[] {
  return ws
    .findings()
    .map((f) => `${f.ruleId}@${f.location.kind === 'file' ? `${relative(ROOT, f.location.span.file)}:${f.location.span.range.start.line + 1}` : 'live'}`)
    .sort();
}

/** The VNet `hub` (10.0.0.0/16) and its subnet `pe`, in resource group `rg`. Starts with a newline. */
export const HUB_NETWORK = `
resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "pe" {
  name                 = "snet-pe"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.1.0/24"]
}
`;
