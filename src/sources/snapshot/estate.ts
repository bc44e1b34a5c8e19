// Estate snapshots: ARM resource objects → the graph. The live inventory returns the same objects, so the live
// tree, `plreview audit --estate` and the evidence bundle all read Azure through this one converter.
//
// Accepted files (issue 5): an array of ARM objects; `az graph query` output (`{ "data": [...] }`); an ARM list
// (`{ "value": [...] }`). `plreview snapshot` adds `"coverage": [...]` next to `value`, so a snapshot remembers the
// subscriptions it could not read.

import { parentId } from './ids';
import { asArray, asString, dig, type ArmResource } from './arm-resource';
import { normaliseCacheType } from '../../catalog/lookup';
import { ARM_TYPES } from '../arm-shape/arm-types';
import { jsonReader } from '../arm-shape/json-reader';
import { isServiceTargetType } from '../arm-shape/target-node';
import { armResourcesToNodes } from '../arm-shape/to-nodes';
import type { ArmResourceView } from '../arm-shape/view';
import { parseResourceId } from '../../graph/resource-id';
import type { CloudName, CoverageEntry, GraphData, Maybe } from '../../graph/types';

export interface ParsedEstate {
  readonly resources: ArmResource[];
  /** Coverage recorded by `plreview snapshot`, when the file has it. */
  readonly coverage: CoverageEntry[];
  /** Problems with the file, each a sentence naming the file; the readable resources are still returned. */
  readonly errors: string[];
}

export function parseEstate(text: string, fileName: string): ParsedEstate {
  if (text.trim() === '') return { resources: [], coverage: [], errors: [`${fileName}: the file is empty`] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // The engine's message quotes the text around the error: never echo a file that may hold a token.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    return { resources: [], coverage: [], errors: [`${fileName}: not valid JSON${position ? ` (at character ${position})` : ''}`] };
  }
  let items: readonly unknown[];
  let coverage: CoverageEntry[] = [];
  if (Array.isArray(raw)) items = raw;
  else if (raw && typeof raw === 'object' && Array.isArray((raw as { data?: unknown }).data)) items = (raw as { data: unknown[] }).data;
  else if (raw && typeof raw === 'object' && Array.isArray((raw as { value?: unknown }).value)) {
    items = (raw as { value: unknown[] }).value;
    coverage = readCoverage((raw as { coverage?: unknown }).coverage);
  } else {
    return {
      resources: [],
      coverage: [],
      errors: [`${fileName}: expected an array of ARM resources, az graph query output ({"data": [...]}) or an ARM list ({"value": [...]})`],
    };
  }
  const resources: ArmResource[] = [];
  const errors: string[] = [];
  items.forEach((item, index) => {
    const id = asString(dig(item, 'id'));
    // ARM returns some child resources (privateDnsZoneGroups) without `type`: the id says it.
    const type = asString(dig(item, 'type')) ?? (id ? parseResourceId(id)?.type : undefined);
    if (!id || !type) errors.push(`${fileName}: item ${index + 1} has no string 'id' and 'type'; skipped`);
    else resources.push({ ...(item as ArmResource), type });
  });
  return { resources, coverage, errors };
}

function readCoverage(value: unknown): CoverageEntry[] {
  return asArray(value).flatMap((entry) => {
    const scope = asString(dig(entry, 'scope'));
    const status = asString(dig(entry, 'status'));
    if (!scope || (status !== 'read' && status !== 'partial' && status !== 'failed')) return [];
    const kind = asString(dig(entry, 'kind')) === 'file' ? 'file' : 'subscription';
    const reason = asString(dig(entry, 'reason'));
    const displayName = asString(dig(entry, 'displayName'));
    const gaps = asArray(dig(entry, 'gaps')).flatMap((gap) => {
      const resourceId = asString(dig(gap, 'resourceId'));
      const what = asString(dig(gap, 'what'));
      const why = asString(dig(gap, 'reason'));
      return resourceId && what && why ? [{ resourceId, what, reason: why }] : [];
    });
    // A partial entry whose gaps did not survive is still partial: the snapshot said something was not read.
    return [{ scope, kind, status, ...(reason ? { reason } : {}), ...(displayName ? { displayName } : {}), ...(gaps.length ? { gaps } : {}) } as CoverageEntry];
  });
}

export interface EstateOptions {
  readonly coverage?: readonly CoverageEntry[];
  readonly cloud?: CloudName;
  /**
   * Whether an endpoint's DNS zone groups were fetched. Zone groups are child resources that Resource Graph may
   * not return; an endpoint whose groups were never fetched has Unknown zone groups, not none. By default they
   * count as fetched when the estate holds at least one zone group (an export that includes them at all).
   */
  readonly zoneGroupsFetched?: (endpointId: string) => boolean;
  /** Whether a zone's A record sets were listed; by default when the estate holds at least one A record set. */
  readonly recordsFetched?: (zoneId: string) => boolean;
}

export function estateToGraph(resources: readonly ArmResource[], options: EstateOptions = {}): GraphData {
  const unique: ArmResource[] = [];
  const seen = new Set<string>();
  for (const resource of resources) {
    const key = resource.id.toLowerCase();
    if (seen.has(key)) continue; // the same resource from two files or pages
    seen.add(key);
    unique.push(resource);
  }
  const ofType = (type: string) => unique.filter((r) => r.type.toLowerCase() === type);
  const groups = ofType(ARM_TYPES.zoneGroup);
  const withGroups = new Set(groups.map((g) => parentId(g.id).toLowerCase()));
  const zoneGroupsFetched = options.zoneGroupsFetched ?? (() => groups.length > 0);
  const anyRecord = ofType(ARM_TYPES.aRecord).length > 0;
  const recordsFetched = options.recordsFetched ?? (() => anyRecord);

  const views = unique.map((resource): ArmResourceView<unknown> => {
    const type = resource.type.toLowerCase();
    const reportsConnections = normaliseCacheType(type) !== undefined || isServiceTargetType(type);
    return {
      id: resource.id,
      type: resource.type,
      name: resource.name ?? resource.id.split('/').pop() ?? resource.id,
      ...(resource.type.split('/').length > 2 ? { parentId: parentId(resource.id) } : {}),
      origin: { kind: 'live', resourceId: resource.id },
      body: resource,
      reader: jsonReader,
      reported: true,
      ...(type === ARM_TYPES.privateEndpoint && !withGroups.has(resource.id.toLowerCase()) && !zoneGroupsFetched(resource.id)
        ? { zoneGroupsUnknown: "the endpoint's DNS zone groups were not read" }
        : {}),
      ...(type === ARM_TYPES.zone ? { recordsRead: recordsFetched(resource.id) } : {}),
      ...(reportsConnections ? { privateEndpointConnections: reportedConnections(resource) } : {}),
    };
  });
  return { nodes: armResourcesToNodes(views), problems: [], coverage: options.coverage ?? [], cloud: options.cloud };
}

/** The private endpoint connections a target reports (embedded in its GET). */
function reportedConnections(resource: ArmResource): { endpointId: string; status: Maybe<string> }[] {
  return asArray(resource.properties?.privateEndpointConnections).flatMap((c) => {
    const endpointId = asString(dig(c, 'properties', 'privateEndpoint', 'id'));
    return endpointId ? [{ endpointId, status: asString(dig(c, 'properties', 'privateLinkServiceConnectionState', 'status')) }] : [];
  });
}
