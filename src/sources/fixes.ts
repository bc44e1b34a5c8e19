// Fix intents → text edits, for whichever format declared the node (rules speak intents, formats write text),
// and the "disable for this line" edit every format shares.

import type { PrivateLinkGraph } from '../graph/graph';
import type { GraphNode, SourceFormat, ZoneGroup } from '../graph/types';
import type { FixIntent } from '../rules/types';
import { commentPrefixOf } from './formats';
import { LineIndex } from './line-index';
import { sourceOf } from './registry';
import { parseSuppressionLine, suppressionComment } from './suppression-comments';
import type { TextEdit } from './text-edit';

/**
 * The edits that apply a fix, or none when it cannot be written as text (a live node, a file we cannot read, a
 * value written as an expression). `textOf` returns a file's current text (the editor's buffer, or the disk).
 */
export function editsForFix(intent: FixIntent, graph: PrivateLinkGraph, textOf: (file: string) => string | undefined): TextEdit[] {
  const node = graph.nodes.find((n) => n.id === intent.nodeId) ?? graph.resolve(intent.nodeId) ?? zoneGroupAsNode(graph, intent.nodeId);
  if (!node || node.origin.kind !== 'file') return [];
  const text = textOf(node.origin.span.file);
  if (text === undefined) return [];
  return sourceOf(node.origin.format)?.editsForFix(intent, node, graph, text, textOf) ?? [];
}

/**
 * A DNS zone group is not a graph node, yet fixes may name it (its zone ids are written in its own declaration):
 * it is edited as its endpoint with the group's origin.
 */
function zoneGroupAsNode(graph: PrivateLinkGraph, id: string): GraphNode | undefined {
  const lower = id.toLowerCase();
  for (const endpoint of graph.endpoints) {
    if (!Array.isArray(endpoint.zoneGroups)) continue;
    const group = (endpoint.zoneGroups as readonly ZoneGroup[]).find((g) => g.id.toLowerCase() === lower);
    if (group) return { ...endpoint, id: group.id, origin: group.origin };
  }
  return undefined;
}

/**
 * Writes `// plreview-disable-next-line <rule-id>` (`#` in YAML and Terraform) above `line` (0-based), indented
 * like it. When that line is already preceded by such a comment, the rule id is added to it instead of stacking
 * another. `text` is the file's current text (it gives the indentation and the offsets of the edit). Undefined
 * when the file cannot hold a comment (strict JSON: a Terraform plan, `.tf.json`): never an edit that breaks it.
 */
export function suppressionEdit(file: string, line: number, ruleId: string, format: SourceFormat, text: string): TextEdit | undefined {
  const prefix = commentPrefixOf(format, file);
  if (!prefix) return undefined;
  const lines = new LineIndex(text);
  const target = Math.min(Math.max(0, line), lines.lineCount - 1);
  if (target > 0) {
    const previous = lines.lineText(target - 1);
    const ids = parseSuppressionLine(previous, prefix);
    if (ids && ids.length > 0 && !ids.includes(ruleId)) {
      const end = lines.lineEnd(target - 1);
      // Before a ` -- reason`, if the comment has one.
      const reason = previous.search(/\s--\s/);
      const at = reason >= 0 ? lines.lineStart(target - 1) + reason : end;
      return { file, range: lines.range(at, at), newText: ` ${ruleId}` };
    }
  }
  const start = lines.lineStart(target);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { file, range: lines.range(start, start), newText: `${suppressionComment(ruleId, prefix, lines.indentOf(target))}${eol}` };
}
