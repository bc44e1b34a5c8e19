// Reads the provider table (provider-table.ts): an evaluated Terraform resource instance (or a plan's resource)
// becomes ARM-shaped declarations, the input the graph's node builder shares with Bicep, ARM JSON and AVM calls.
// Values keep the spans of the Terraform text that set them; a provider default stands at the resource block.

import { buildResourceId, parseResourceId } from '../../graph/resource-id';
import type { FileSpan } from '../../graph/types';
import type { DeclaredResource } from '../bicep/graph-declared';
import type { ObjectEntry, ObjectValue, Value } from '../bicep/eval-value';
import { getProp, str, unknownValue } from '../bicep/eval-value';
import type { BlockListRule, Convert, ParentRule, PropertyRule, ResourceMapping } from './provider-table';
import { DATA_TABLE, PROVIDER_TABLE } from './provider-table';

/** What arm-shape needs to know about one resource instance, whatever it was read from (.tf, .tf.json, a plan). */
export interface TerraformResource {
  readonly address: string;
  readonly type: string;
  readonly mode: 'managed' | 'data';
  readonly file: string;
  readonly values: ObjectValue;
  /** The resource block (or the plan's resource object). */
  readonly span: FileSpan;
  readonly inLoop: boolean;
  readonly conditional: boolean;
}

export function mappingOf(type: string, mode: 'managed' | 'data'): ResourceMapping | undefined {
  return mode === 'data' ? DATA_TABLE[type] : PROVIDER_TABLE[type];
}

/** The ARM id references to this resource see, or a synthetic `design:` id when its names are not known. */
export function armIdOf(type: string, mode: 'managed' | 'data', values: ObjectValue, address: string, file: string): string {
  if (type === 'azapi_resource' || type === 'azapi_update_resource') {
    const identity = azapiIdentity(values);
    return identity?.id ?? `design:${file}#${address}`;
  }
  const mapping = mappingOf(type, mode);
  const identity = mapping ? identityOf(mapping, values) : undefined;
  return identity?.id ?? `design:${file}#${address}`;
}

interface Identity {
  readonly id: string;
  readonly parentId?: string;
}

function identityOf(mapping: ResourceMapping, values: ObjectValue): Identity | undefined {
  const name = textOf(getProp(values, mapping.nameAttribute));
  if (name === undefined) return undefined;
  const group = textOf(getProp(values, 'resource_group_name'));
  if (!mapping.parents) return { id: buildResourceId(mapping.armType, [name], group ? { resourceGroup: group } : {}) };
  for (const rule of mapping.parents) {
    const parentId = parentIdOf(rule, values);
    if (parentId === null) continue;
    if (parentId === undefined) return undefined;
    return { id: `${parentId}/${lastTypeSegment(mapping.armType)}/${name}`, parentId };
  }
  return undefined;
}

/** The parent's id; `null` when this rule's attributes are not set (try the next), undefined when not known. */
function parentIdOf(rule: ParentRule, values: ObjectValue): string | null | undefined {
  if ('idAttribute' in rule) {
    const value = getProp(values, rule.idAttribute);
    if (value === undefined || value.kind === 'null') return null;
    return textOf(value);
  }
  const nameValue = getProp(values, rule.nameAttribute);
  if (nameValue === undefined || nameValue.kind === 'null') return null;
  const name = textOf(nameValue);
  if (name === undefined) return undefined;
  const group = textOf(getProp(values, rule.resourceGroupAttribute));
  return buildResourceId(rule.type, [name], group ? { resourceGroup: group } : {});
}

const lastTypeSegment = (type: string) => type.slice(type.lastIndexOf('/') + 1);

function textOf(value: Value | undefined): string | undefined {
  return value?.kind === 'string' && value.value.length > 0 ? value.value : undefined;
}

/** The ARM-shaped declarations of one Terraform resource: itself and its child blocks that are ARM children. */
export function toArmResources(resource: TerraformResource): DeclaredResource[] {
  if (resource.type === 'azapi_resource') return azapiResource(resource);
  const mapping = mappingOf(resource.type, resource.mode);
  if (!mapping) return [];
  const identity = identityOf(mapping, resource.values);
  const id = identity?.id ?? `design:${resource.file}#${resource.address}`;
  const existing = resource.mode === 'data';
  const base = {
    file: resource.file,
    symbol: resource.address,
    span: resource.span,
    existing,
    inLoop: resource.inLoop,
    conditional: resource.conditional,
  };
  const name = getProp(resource.values, mapping.nameAttribute) ?? unknownValue(`${resource.address} has no name`, resource.span);
  const parentId = identity?.parentId ?? parentFromRules(mapping, resource.values);
  const body = existing ? ({ kind: 'object', entries: [], span: resource.span } as ObjectValue) : armBody(mapping.properties ?? [], mapping.blockLists ?? [], resource.values, resource.span);
  const out: DeclaredResource[] = [{ ...base, type: mapping.armType, id, name, parentId, body }];
  if (existing) return out;
  for (const child of mapping.children ?? []) {
    const blocks = getProp(resource.values, child.block);
    const items = blocks?.kind === 'array' ? blocks.items : blocks?.kind === 'object' ? [blocks] : [];
    if (blocks?.kind === 'unknown') {
      // Whether the block exists is not known (a dynamic block over an unknown collection): an opaque child.
      const opaque: ObjectValue = { kind: 'object', entries: [{ key: 'properties', value: blocks }], span: blocks.span };
      out.push({ ...base, type: child.type, id: `${id}/${lastTypeSegment(child.type)}/?`, name: blocks, parentId: id, body: opaque, span: blocks.span ?? resource.span });
      continue;
    }
    items.forEach((item, index) => {
      const childName = child.nameAttribute ? getProp(item, child.nameAttribute) : str('default');
      const known = textOf(childName);
      const childBody = armBody(child.properties, [], item as ObjectValue, item.span ?? resource.span);
      out.push({
        ...base,
        symbol: `${resource.address}.${child.block}[${index}]`,
        type: child.type,
        id: `${id}/${lastTypeSegment(child.type)}/${known ?? index}`,
        name: childName ?? unknownValue(`${child.block} has no name`),
        parentId: id,
        body: childBody,
        span: item.span ?? resource.span,
      });
    });
  }
  return out;
}

/** A parent id from the rules even when the resource's own name is not known (so it still joins its parent). */
function parentFromRules(mapping: ResourceMapping, values: ObjectValue): string | undefined {
  for (const rule of mapping.parents ?? []) {
    const parentId = parentIdOf(rule, values);
    if (parentId === null) continue;
    return parentId;
  }
  return undefined;
}

function armBody(properties: readonly PropertyRule[], lists: readonly BlockListRule[], values: ObjectValue, declaration: FileSpan | undefined): ObjectValue {
  const root: MutableObject = { kind: 'object', entries: [], span: values.span ?? declaration };
  for (const rule of properties) {
    const value = read(rule, values, declaration);
    if (value !== undefined) setPath(root, rule.arm, value);
  }
  for (const list of lists) {
    const blocks = getProp(values, list.block);
    if (blocks === undefined) continue;
    if (blocks.kind === 'unknown') {
      setPath(root, list.arm, blocks);
      continue;
    }
    const items = blocks.kind === 'array' ? blocks.items : blocks.kind === 'object' ? [blocks] : [];
    const selected: Value[] = [];
    for (const item of items) {
      if (item.kind !== 'object') continue;
      if (list.where) {
        const flag = getProp(item, list.where.attribute);
        const isSet = flag === undefined || flag.kind === 'null' ? list.where.whenAbsent : flag.kind === 'bool' ? flag.value : undefined;
        // An unknown flag: the connection is listed as automatic (the common case), never dropped.
        if (isSet === undefined ? list.where.equals : isSet !== list.where.equals) continue;
      }
      selected.push(armBody(list.item, [], item, item.span));
    }
    if (selected.length > 0 || !getPathValue(root, list.arm)) setPath(root, list.arm, { kind: 'array', items: selected, span: blocks.span });
  }
  return root;
}

function read(rule: PropertyRule, values: ObjectValue, declaration: FileSpan | undefined): Value | undefined {
  const names = typeof rule.tf === 'string' ? [rule.tf] : rule.tf;
  let value: Value | undefined;
  for (const name of names) {
    const candidate = attributeAt(values, name);
    if (candidate !== undefined && candidate.kind !== 'null') {
      value = candidate;
      break;
    }
  }
  if (value === undefined) {
    if (rule.default === undefined) return undefined;
    // The provider's default decides: it stands at the declaration (a fix inserts the attribute there).
    const d = rule.default;
    value = typeof d === 'string' ? str(d, declaration) : typeof d === 'number' ? { kind: 'number', value: d, span: declaration } : { kind: 'bool', value: d, span: declaration };
  }
  return rule.convert ? convert(rule.convert, value) : value;
}

/** `a` or `block.a` (the first of the nested blocks, as a block list or a single object). */
function attributeAt(values: Value, path: string): Value | undefined {
  const dot = path.indexOf('.');
  if (dot < 0) return getProp(values, path);
  const block = getProp(values, path.slice(0, dot));
  if (!block || block.kind === 'null') return undefined;
  if (block.kind === 'unknown') return block;
  const first = block.kind === 'array' ? block.items[0] : block;
  return first ? attributeAt(first, path.slice(dot + 1)) : undefined;
}

function convert(kind: Convert, value: Value): Value {
  const span = value.span;
  if (value.kind === 'unknown') return kind === 'idObject' ? { kind: 'object', entries: [{ key: 'id', value }], span } : value;
  switch (kind) {
    case 'enabledDisabled':
      return value.kind === 'bool' ? str(value.value ? 'Enabled' : 'Disabled', span) : value;
    case 'idObject':
      return { kind: 'object', entries: [{ key: 'id', value }], span };
    case 'zoneConfigs':
      if (value.kind !== 'array') return value;
      return {
        kind: 'array',
        span,
        items: value.items.map((zoneId) => {
          const zoneName = zoneId.kind === 'string' ? parseResourceId(zoneId.value)?.names[0] : undefined;
          const name: Value = zoneName ? str(zoneName.replace(/\./g, '-'), zoneId.span) : unknownValue('the zone is not known', zoneId.span);
          return { kind: 'object', span: zoneId.span, entries: [{ key: 'name', value: name }, { key: 'properties', value: { kind: 'object', span: zoneId.span, entries: [{ key: 'privateDnsZoneId', value: zoneId }] } }] };
        }),
      };
    case 'enterpriseSkuName':
      return value.kind === 'string' ? str(value.value.replace(/-\d+$/, ''), span) : value;
    case 'enterpriseCapacity': {
      const match = value.kind === 'string' ? /-(\d+)$/.exec(value.value) : null;
      return match ? { kind: 'number', value: Number(match[1]), span } : unknownValue('the capacity is not in sku_name', span);
    }
    case 'subnetNames':
      if (value.kind !== 'array') return value;
      return { kind: 'array', span, items: value.items.map((s) => ({ kind: 'object', span: s.span, entries: [{ key: 'name', value: getProp(s, 'name') ?? unknownValue('a subnet without a name') }] })) };
    case 'aRecords':
      if (value.kind !== 'array') return value;
      return { kind: 'array', span, items: value.items.map((ip) => ({ kind: 'object', span: ip.span, entries: [{ key: 'ipv4Address', value: ip }] })) };
    case 'sslPortBoolean':
      return value;
  }
}

// ---------------------------------------------------------------------------------------------------------
// azapi_resource: any ARM type, its body given in ARM shape already.
// ---------------------------------------------------------------------------------------------------------

function azapiIdentity(values: ObjectValue): (Identity & { type: string; apiVersion?: string }) | undefined {
  const typeText = textOf(getProp(values, 'type'));
  const name = textOf(getProp(values, 'name'));
  if (!typeText) return undefined;
  const [type, apiVersion] = typeText.split('@');
  const parent = textOf(getProp(values, 'parent_id'));
  if (!name) return { id: '', type, apiVersion };
  const segments = type.split('/').length - 1;
  if (segments > 1 && parent) return { id: `${parent}/${lastTypeSegment(type)}/${name}`, parentId: parent, type, apiVersion };
  const group = parent ? /\/resourceGroups\/([^/]+)$/i.exec(parent)?.[1] : undefined;
  const subscription = parent ? /^\/subscriptions\/([^/]+)/i.exec(parent)?.[1] : undefined;
  return { id: buildResourceId(type, [name], { subscriptionId: subscription, resourceGroup: group }), type, apiVersion };
}

function azapiResource(resource: TerraformResource): DeclaredResource[] {
  const typeValue = getProp(resource.values, 'type');
  const typeText = textOf(typeValue);
  if (!typeText) return [];
  const identity = azapiIdentity(resource.values);
  const [type, apiVersion] = typeText.split('@');
  const body = getProp(resource.values, 'body');
  const entries: ObjectEntry[] = body?.kind === 'object' ? [...body.entries] : [];
  if (body?.kind === 'unknown') entries.push({ key: 'properties', value: body });
  for (const key of ['location', 'tags'] as const) {
    const value = getProp(resource.values, key);
    if (value !== undefined && !entries.some((e) => e.key === key)) entries.push({ key, value });
  }
  const parentText = textOf(getProp(resource.values, 'parent_id'));
  const isChild = type.split('/').length > 2;
  return [
    {
      file: resource.file,
      symbol: resource.address,
      type,
      apiVersion,
      id: identity?.id || `design:${resource.file}#${resource.address}`,
      name: getProp(resource.values, 'name') ?? unknownValue(`${resource.address} has no name`),
      parentId: isChild ? parentText : undefined,
      body: { kind: 'object', entries, span: body?.span ?? resource.span },
      span: resource.span,
      existing: false,
      inLoop: resource.inLoop,
      conditional: resource.conditional,
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Building nested objects by dotted path.
// ---------------------------------------------------------------------------------------------------------

interface MutableObject {
  kind: 'object';
  entries: ObjectEntry[];
  span?: FileSpan;
}

function setPath(root: MutableObject, path: string, value: Value): void {
  const keys = path.split('.');
  let current = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    let next = current.entries.find((e) => e.key === key)?.value as MutableObject | undefined;
    if (!next || next.kind !== 'object') {
      next = { kind: 'object', entries: [], span: value.span };
      current.entries.push({ key, value: next as Value });
    }
    current = next;
  }
  const last = keys[keys.length - 1];
  const at = current.entries.findIndex((e) => e.key === last);
  if (at >= 0) current.entries[at] = { key: last, value };
  else current.entries.push({ key: last, value });
}

function getPathValue(root: MutableObject, path: string): Value | undefined {
  let current: Value | undefined = root as Value;
  for (const key of path.split('.')) current = getProp(current, key);
  return current;
}
