// The core the extension uses after activation — parsers, rules, evidence, probe, inventories — bundled on its
// own as dist/engine.js and required on first use (engine-loader.ts). Loading it at activation would cost about
// 150 ms (measured by bench/activation.mjs: compiling ~1 MB of parsers, YAML and schema validation); activation
// itself only registers providers and commands. Nothing here imports `vscode`.
export { parseConfig, DEFAULT_CONFIG, CONFIG_FILE_NAME } from '../config/config';
export { estateRuleConfig } from '../config/workspace-config';
export { allRuleIds } from '../rules/registry';
export { runRules } from '../rules/engine';
export { PrivateLinkGraph } from '../graph/graph';
export { estateToGraph } from '../sources/snapshot/estate';
export { readEstatePath } from '../sources/snapshot/read';
export { AzureInventory } from '../sources/live/inventory';
export { EstateInventory } from '../sources/live/estate-inventory';
export { EstateTreeModel } from '../tree/model';
export { loadFailureItem, messageItem } from '../tree/items';
export { buildEvidence, writeBundle } from '../evidence/bundle';
export { estatePart, evidenceInputFromParts } from '../evidence/scope';
export { probe, formatProbeReport, ProbeInputError } from '../probe/probe';
export { factsOf, serviceFactsOf } from '../probe/facts-from-graph';
export { resolveTarget } from '../probe/target';
export { optionsForGivenHost } from '../probe/service-target';
