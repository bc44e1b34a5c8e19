// Random edits of Terraform text, seeded so a failing chain replays: typing HCL's openers and closers (quotes,
// brackets, `${`, `%{`, heredoc markers, comments), whole blocks and attributes, deleting, duplicating and
// deleting lines, and swapping the values and names the rules and references read. For the tests that check the
// Terraform keystroke path (re-parse, reused evaluation) against a fresh analysis of the same text.

export { seeded } from './edits';
import { deleteCharacters, deleteLine, duplicateLine, reindentLine, swapOne, typeSnippet } from './edits';

const SNIPPETS = ['"', '{', '}', '[', ']', '(', ')', '${', '%{', '}\n', '\n', '\n\n', ' ', 'x', '=', '.', ',', '#', '//', '/*', '*/', '<<EOT\n', 'EOT\n', '\r\n',
  'resource "azurerm_private_dns_zone" "extra" {\n  name = "privatelink.redis.cache.windows.net"\n  resource_group_name = "rg"\n}\n',
  'resource "azurerm_private_dns_zone" "open" {\n', 'variable "v" {\n  default = "x"\n}\n', 'locals {\n  l = var.location\n}\n',
  '  tags = { a = local.l }\n', '  count = 2\n', '  for_each = toset(["a", "b"])\n'];

const SWAPS: readonly (readonly [string, string])[] = [
  ['redisCache', 'redisEnterprise'],
  ['redisEnterprise', 'redisCache'],
  ['false', 'true'],
  ['true', 'false'],
  ['cache\\.windows', 'azure'],
  ['westeurope', 'northeurope'],
  ['location', 'region'],
  ['cache', 'cache2'],
  ['hub', 'spoke'],
  ['pe', 'endpoint'],
  ['"a"', '"c"'],
  ['1', '3'],
];

export function randomTfEdit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  switch (Math.floor(next() * 8)) {
    case 7: {
      // replace a line with another line of the file (an edit that starts at an item's first character and
      // ends after it: the re-parse must not resume at the old item there)
      const from = Math.floor(next() * text.length);
      const start = text.lastIndexOf('\n', from - 1) + 1;
      const end = text.indexOf('\n', from);
      const line = text.slice(start, end < 0 ? text.length : end);
      const lineEnd = text.indexOf('\n', at);
      return text.slice(0, lineStart) + line + text.slice(lineEnd < 0 ? text.length : lineEnd);
    }
    case 0:
    case 6:
      return typeSnippet(text, at, SNIPPETS, next);
    case 1:
      return deleteCharacters(text, at, next);
    case 2:
      return duplicateLine(text, lineStart, next);
    case 3:
      return deleteLine(text, at, lineStart);
    case 4:
      return reindentLine(text, lineStart, next);
    default:
      return swapOne(text, at, SWAPS, next, (from) => new RegExp(from, 'g'), () => 'x');
  }
}
