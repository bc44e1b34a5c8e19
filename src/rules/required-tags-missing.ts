import type { GraphNode, Maybe } from '../graph/types';
import { isKnown } from '../graph/types';
import { headlineSpan, isExisting, listOf, propertyPath, propertySpan } from './support';
import type { Rule, RuleFinding } from './types';

type Tags = Maybe<Readonly<Record<string, Maybe<string>>>>;

// Organisation policy, not a Microsoft rule: off by default, turned on with `requiredTags` and a severity in
// .plreview.yaml. Tag names are case-insensitive in Azure (Microsoft Learn "Use tags to organize your Azure
// resources"), so `Owner` satisfies `owner`.
export const requiredTagsMissing: Rule = {
  id: 'required-tags-missing',
  defaultSeverity: 'off',
  title: 'Configured required tags are missing on a cache or private endpoint',
  description:
    'Your organisation requires tags (for example `owner`) on caches and private endpoints, configured as ' +
    '`requiredTags` in `.plreview.yaml`. Endpoints left behind by retired projects are hard to clean up when nobody ' +
    'can tell who owns them. Add the missing tags.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/tag-resources',
  modes: ['design', 'live'],
  check(graph, settings) {
    if (settings.requiredTags.length === 0) return [];
    const findings: RuleFinding[] = [];
    const nodes: { node: GraphNode; tags: Tags; what: string }[] = [
      ...graph.caches.map((c) => ({ node: c as GraphNode, tags: c.tags, what: 'Cache' })),
      ...graph.endpoints.map((e) => ({ node: e as GraphNode, tags: e.tags, what: 'Private endpoint' })),
    ];
    for (const { node, tags, what } of nodes) {
      if (isExisting(node) || (tags !== undefined && !isKnown(tags))) continue; // tags from a parameter: cannot tell
      const present = new Set(Object.keys(tags ?? {}).map((k) => k.toLowerCase()));
      const missing = settings.requiredTags.filter((t) => !present.has(t.toLowerCase()));
      if (missing.length === 0) continue;
      findings.push({
        message: `${what} ${graph.displayName(node.id)} lacks the required tag${missing.length > 1 ? 's' : ''} ${listOf(missing)}.`,
        node,
        span: propertySpan(node, propertyPath(node, 'tags')) ?? headlineSpan(node),
        facts: { missingTags: missing, requiredTags: [...settings.requiredTags] },
      });
    }
    return findings;
  },
};
