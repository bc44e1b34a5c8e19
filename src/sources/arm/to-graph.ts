// ARM JSON template → graph data. Resources become nodes with their origin spans; child resources declared
// nested or at the top level (zone groups, VNet links, A records, firewall rules, subnets) join their parent.

import type { Node as JsonNode } from 'jsonc-parser';
import { dirname, join, normalize } from 'node:path';
import type { CloudName, CoverageEntry, FileSpan, GraphData, Maybe, Origin } from '../../graph/types';
import { isUnknown, unknown } from '../../graph/types';
import type { DesignFile } from '../../lint/design-file';
import { plainKind } from '../arm-shape/json-reader';
import { armResourcesToNodes } from '../arm-shape/to-nodes';
import type { ArmResourceView, ValueReader } from '../arm-shape/view';
import { commentPrefixOf } from '../formats';
import { findSuppressions } from '../suppression-comments';
import { readTemplate, type LinkedTemplate, type TemplateResource } from './template';
import { propertyNode, type View } from './view';
import { symbolicUnknown } from './expression';

/** Keys never descended into for property spans: child resources and deployment plumbing. */
const SKIPPED_KEYS = new Set(['resources', 'dependsOn', 'copy', 'condition']);

export function armToGraph(file: DesignFile, options: { readonly cloud?: CloudName } = {}): GraphData {
  const template = readTemplate(file.path, file.text, options.cloud);
  const originOf = (resource: TemplateResource): Origin => ({
    kind: 'file',
    format: 'arm',
    span: template.spanOf(resource.node),
    properties: propertySpans(resource.node, template.spanOf),
    propertiesObject: resource.view.get('properties')?.node?.type === 'object' ? resource.view.get('properties')?.span : undefined,
    inLoop: resource.inLoop || undefined,
    conditional: resource.conditional || undefined,
    existing: resource.existing || undefined,
    symbol: resource.symbol ?? symbolOf(resource),
    ...(options.cloud ? { cloud: options.cloud } : {}),
  });
  return {
    nodes: armResourcesToNodes(template.resources.map((resource) => new TemplateResourceView(resource, originOf))),
    problems: template.problems,
    coverage: [
      template.notRead.length > 0
        ? { scope: file.path, kind: 'file', status: 'partial', reason: template.notRead.join('; ') }
        : { scope: file.path, kind: 'file', status: 'read' },
      ...linkedTemplateGaps(file.path, template.linkedTemplates),
    ],
    suppressions: findSuppressions(file.path, file.text, commentPrefixOf('arm', file.path)),
  };
}

/**
 * A template resource as the shared ARM-shape mapping reads it (src/sources/arm-shape/). Its id, name and origin
 * are computed when read: a large template declares many resources the graph never looks at.
 */
class TemplateResourceView implements ArmResourceView<View> {
  readonly reader = templateReader;
  readonly type: string;
  readonly apiVersion: string | undefined;
  readonly body: View;
  readonly zoneGroupsUnknown: string | undefined;
  #origin: Origin | undefined;

  constructor(
    private readonly resource: TemplateResource,
    private readonly originOf: (resource: TemplateResource) => Origin,
  ) {
    this.type = resource.type;
    this.apiVersion = resource.apiVersion;
    this.body = readable(resource);
    this.zoneGroupsUnknown = resource.existing ? 'an existing endpoint: its zone groups are not in this template' : undefined;
  }

  get id(): string {
    return this.resource.id;
  }

  get parentId(): string | undefined {
    return this.resource.parentId;
  }

  get name(): Maybe<string> {
    return nameOf(this.resource);
  }

  get origin(): Origin {
    return (this.#origin ??= this.originOf(this.resource));
  }
}

/** Template values, read in place: an object or array written in the file is not evaluated to tell its kind. */
const templateReader: ValueReader<View> = {
  kind(view) {
    const written = view.node?.type;
    if (written === 'object' || written === 'array') return written;
    const value = view.value;
    if (isUnknown(value)) return 'unknown';
    const kind = plainKind(value);
    return kind === 'other' ? 'object' : kind;
  },
  scalar: (view) => view.value as string | number | boolean | null,
  why: (view) => (isUnknown(view.value) ? view.value.why : typeof view.value),
  prop: (view, key) => view.get(key),
  items: (view) => view.items(),
  entries(view) {
    const value = view.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value) || isUnknown(value)) return [];
    return Object.keys(value).flatMap((key) => {
      const entry = view.get(key);
      return entry ? [[key, entry] as const] : [];
    });
  },
};

/**
 * An `existing` resource's properties are not in the template: every read answers Unknown.
 */
function readable(resource: TemplateResource): View {
  if (!resource.existing) return resource.view;
  const why = symbolicUnknown('an existing resource: its properties are not in this template', `existing:${resource.id}`);
  const opaque: View = { value: why, span: resource.view.span, get: () => opaque, items: () => [] };
  return opaque;
}

function nameOf(resource: TemplateResource): Maybe<string> {
  const last = resource.names[resource.names.length - 1];
  return typeof last === 'string' ? last : unknown(`the name of ${resource.type} is not known`);
}

function symbolOf(resource: TemplateResource): string | undefined {
  const name = nameOf(resource);
  return typeof name === 'string' ? name : undefined;
}

/** Spans of every value under a resource object, keyed by dotted paths (`properties.groupIds[0]`). */
function propertySpans(node: JsonNode, spanOf: (node: JsonNode) => FileSpan): Record<string, FileSpan> {
  const spans: Record<string, FileSpan> = {};
  const walk = (value: JsonNode, path: string) => {
    if (path) spans[path] = spanOf(value);
    if (value.type === 'object') {
      for (const property of value.children ?? []) {
        const [key, child] = property.children ?? [];
        if (!key || !child) continue;
        const name = String(key.value);
        if (!path && SKIPPED_KEYS.has(name)) continue;
        // A property loop: its `input` is the one item standing for every iteration (see JsonView).
        if (path && name.toLowerCase() === 'copy' && child.type === 'array') {
          for (const loop of child.children ?? []) walkLoop(loop, path);
          continue;
        }
        walk(child, path ? `${path}.${name}` : name);
      }
    } else if (value.type === 'array') {
      (value.children ?? []).forEach((child, index) => walk(child, `${path}[${index}]`));
    }
  };
  const walkLoop = (loop: JsonNode, path: string) => {
    const name = propertyNode(loop, 'name')?.value;
    const input = propertyNode(loop, 'input');
    if (typeof name !== 'string' || !input) return;
    spans[`${path}.${name}`] = spanOf(loop);
    walk(input, `${path}.${name}[0]`);
  };
  walk(node, '');
  return spans;
}

/**
 * Linked templates are not read through the template that links them (its parameters are not passed on): each
 * `templateLink.relativePath` is a coverage gap at the path, which the ARM source drops when the linked file is
 * one of the design files (then analysed on its own, source.ts). A link whose path is an expression cannot be
 * matched to a file: it stays a gap on this template.
 */
function linkedTemplateGaps(path: string, links: readonly LinkedTemplate[]): CoverageEntry[] {
  return links.map((link) =>
    link.relativePath === undefined
      ? {
          scope: path,
          kind: 'file' as const,
          status: 'partial' as const,
          reason: 'a deployment links a template by a path that is an expression, so the linked template is not analysed',
          at: link.span,
        }
      : {
          scope: normalize(join(dirname(path), link.relativePath)),
          kind: 'file' as const,
          status: 'failed' as const,
          reason: `a deployment links the template '${link.relativePath}', which was not read: it is not one of the analysed design files (lint it too)`,
          at: link.span,
        },
  );
}
