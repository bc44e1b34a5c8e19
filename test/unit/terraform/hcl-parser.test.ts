// The HCL native syntax parser: every construct of the specification, exact offsets, one diagnostic per error
// with the declarations after it still read, and work linear in the input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHcl } from '../../../src/sources/terraform/hcl/parser';
import { attributeOf, literalString, type Body, type Expr } from '../../../src/sources/terraform/hcl/syntax';

function parseOk(text: string) {
  const file = parseHcl(text, 'main.tf');
  assert.deepEqual(file.diagnostics, [], `unexpected diagnostics for:\n${text}`);
  return file;
}

function expr(text: string): Expr {
  return attributeOf(parseOk(`x = ${text}\n`).body, 'x')!.expr;
}

/** A compact rendering of an expression tree, to assert structure and precedence. */
function show(e: Expr): string {
  switch (e.type) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'template':
      return `tpl(${e.parts.map((p) => (p.type === 'text' ? JSON.stringify(p.value) : p.type === 'interpolation' ? `\${${show(p.expr)}}` : `%${p.type}`)).join(',')})`;
    case 'variable':
      return e.name;
    case 'getattr':
      return `${show(e.object)}.${e.name}`;
    case 'index':
      return `${show(e.object)}[${show(e.key)}]`;
    case 'splat':
      return `splat(${show(e.source)}, ${show(e.each)})`;
    case 'splatItem':
      return '@';
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')}${e.expandFinal ? '...' : ''})`;
    case 'tuple':
      return `[${e.items.map(show).join(', ')}]`;
    case 'object':
      return `{${e.items.map((i) => `${show(i.key)}=${show(i.value)}`).join(', ')}}`;
    case 'for':
      return `for(${e.keyVar ?? ''},${e.valueVar} in ${show(e.collection)}: ${e.keyExpr ? `${show(e.keyExpr)} => ` : ''}${show(e.valueExpr)}${e.grouping ? '...' : ''}${e.condition ? ` if ${show(e.condition)}` : ''})`;
    case 'unary':
      return `(${e.op}${show(e.operand)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'conditional':
      return `(${show(e.condition)} ? ${show(e.then)} : ${show(e.else)})`;
    case 'parens':
      return `(${show(e.expr)})`;
    case 'error':
      return '<error>';
  }
}

function outline(body: Body): string[] {
  const items = [...body.attributes.map((a) => ({ at: a.start, s: `${a.name}=` })), ...body.blocks.map((b) => ({ at: b.start, s: [b.type, ...b.labels.map((l) => l.value)].join(':') }))];
  return items.sort((a, b) => a.at - b.at).map((i) => i.s);
}

test('blocks with quoted and bare labels, nested blocks, one-line blocks and attributes', () => {
  const text = `terraform {\n  required_providers {\n    azurerm = { source = "hashicorp/azurerm", version = "~> 4.0" }\n  }\n}\n\nresource "azurerm_private_endpoint" pe {\n  name = "pe"\n  private_service_connection { name = "c" }\n  lifecycle {\n    ignore_changes = [tags]\n  }\n}\n`;
  const file = parseOk(text);
  assert.deepEqual(outline(file.body), ['terraform', 'resource:azurerm_private_endpoint:pe']);
  const pe = file.body.blocks[1];
  assert.deepEqual(outline(pe.body), ['name=', 'private_service_connection', 'lifecycle']);
  assert.equal(text.slice(pe.labels[0].start, pe.labels[0].end), '"azurerm_private_endpoint"');
  assert.equal(text.slice(pe.start, pe.end), text.slice(text.indexOf('resource'), text.lastIndexOf('}') + 1));
  const name = attributeOf(pe.body, 'name')!;
  assert.equal(text.slice(name.expr.start, name.expr.end), '"pe"');
  assert.equal(text.slice(name.nameStart, name.nameEnd), 'name');
});

test('operators bind as the specification says and conditionals nest to the right', () => {
  assert.equal(show(expr('a || b && c == d + e * -f')), '(a || (b && (c == (d + (e * (-f))))))');
  assert.equal(show(expr('a - b - c')), '((a - b) - c)');
  assert.equal(show(expr('!a ? b : c ? d : e')), '((!a) ? b : (c ? d : e))');
  assert.equal(show(expr('x >= 1 && y != "z"')), '((x >= 1) && (y != tpl("z")))');
  assert.equal(show(expr('(a + b) % 2')), '(((a + b)) % 2)');
});

test('traversals, legacy indexes, splats and calls', () => {
  assert.equal(show(expr('azurerm_subnet.pe[0].id')), 'azurerm_subnet.pe[0].id');
  assert.equal(show(expr('module.net.subnets["pe"].id')), 'module.net.subnets[tpl("pe")].id');
  assert.equal(show(expr('var.list.0.name')), 'var.list[0].name');
  assert.equal(show(expr('azurerm_subnet.s[*].id')), 'splat(azurerm_subnet.s, @.id)');
  assert.equal(show(expr('azurerm_subnet.s[*].ids[0]')), 'splat(azurerm_subnet.s, @.ids[0])');
  assert.equal(show(expr('azurerm_managed_disk.d.*.id[count.index]')), 'splat(azurerm_managed_disk.d, @.id)[count.index]');
  assert.equal(show(expr('concat(var.a, ["b"], local.c...)')), 'concat(var.a, [tpl("b")], local.c...)');
  assert.equal(show(expr('provider::azurerm::parse_resource_id(var.id).resource_name')), 'provider::azurerm::parse_resource_id(var.id).resource_name');
  assert.equal(show(expr('lower(\n  format("%s-%s",\n    var.a,\n    var.b,\n  )\n)')), 'lower(format(tpl("%s-%s"), var.a, var.b))');
});

test('collections: tuples and objects over several lines, keys as names, strings or expressions', () => {
  assert.equal(show(expr('[\n  1,\n  2,\n]')), '[1, 2]');
  assert.equal(show(expr('{\n  a = 1\n  "b-c" = 2, (var.k) = 3\n  d: 4\n}')), '{"a"=1, tpl("b-c")=2, (var.k)=3, "d"=4}');
  assert.equal(show(expr('{}')), '{}');
  assert.equal(show(expr('{ tags = merge(var.tags, { a = "b" }) }')), '{"tags"=merge(var.tags, {"a"=tpl("b")})}');
});

test('for expressions: tuple and object forms, key and value, grouping and conditions', () => {
  assert.equal(show(expr('[for s in var.subnets : s.id]')), 'for(,s in var.subnets: s.id)');
  assert.equal(show(expr('{ for k, v in var.pe : k => v.name if v.enabled }')), 'for(k,v in var.pe: k => v.name if v.enabled)');
  assert.equal(show(expr('{\n  for v in local.all :\n    v.zone => v...\n}')), 'for(,v in local.all: v.zone => v...)');
  assert.equal(show(expr('[(for), 2]')), '[(for), 2]');
});

test('templates: interpolations, escapes, $${ and %%{, directives and strip markers', () => {
  assert.equal(show(expr('"pe-${var.name}-${count.index + 1}"')), 'tpl("pe-",${var.name},"-",${(count.index + 1)})');
  assert.equal(literalString(expr('"a\\n\\t\\"\\\\\\u00e9\\U0001F600"')), 'a\n\t"\\é😀');
  assert.equal(literalString(expr('"$${not} %%{this}"')), '${not} %{this}');
  assert.equal(show(expr('"a ${~ "b" ~} c"')), 'tpl("a",${tpl("b")},"c")');
  const directive = expr('"%{ if var.x }yes%{ else }no%{ endif } %{ for n in var.names }${n},%{ endfor }"');
  assert.equal(show(directive), 'tpl(%if," ",%for)');
  assert.equal(show(expr('"{ braces } are text"')), 'tpl("{ braces } are text")');
  assert.equal(show(expr('"${ {a = 1}.a }"')), 'tpl(${{"a"=1}.a})');
});

test('heredocs: plain and indented (<<-), interpolations, closing marker with indentation', () => {
  const plain = expr('<<EOT\n  hello ${var.who}\n  bye\nEOT');
  assert.equal(show(plain), 'tpl("  hello ",${var.who},"\\n  bye\\n")');
  const flush = expr('<<-EOT\n    {\n      "a": 1\n    }\n    EOT');
  assert.equal(literalString(flush), '{\n  "a": 1\n}\n');
  const file = parseOk('a = <<EOF\nx\nEOF\nb = 2\n');
  assert.deepEqual(outline(file.body), ['a=', 'b=']);
  assert.equal(show(expr('jsonencode(<<JSON\n{}\nJSON\n)')), 'jsonencode(tpl("{}\\n"))');
});

test('comments of all three kinds, a byte order mark and Windows line endings', () => {
  const text = '\ufeff# hash\r\n// slashes\r\n/* block\r\n comment */ a = 1 /* inline */ # trailing\r\nb = [ # after bracket\r\n  2, // two\r\n]\r\n';
  const file = parseOk(text);
  assert.deepEqual(outline(file.body), ['a=', 'b=']);
  assert.equal(show(attributeOf(file.body, 'b')!.expr), '[2]');
});

test('dynamic blocks and meta-arguments parse as ordinary blocks and attributes', () => {
  const file = parseOk(`resource "azurerm_private_endpoint" "pe" {\n  for_each = { for k, v in var.pes : k => v }\n  dynamic "private_dns_zone_group" {\n    for_each = each.value.zone_ids == null ? [] : [1]\n    content {\n      name                 = "default"\n      private_dns_zone_ids = each.value.zone_ids\n    }\n  }\n  depends_on = [azurerm_private_dns_zone.z]\n}\n`);
  const pe = file.body.blocks[0];
  assert.deepEqual(outline(pe.body), ['for_each=', 'dynamic:private_dns_zone_group', 'depends_on=']);
  assert.deepEqual(outline(pe.body.blocks[0].body), ['for_each=', 'content']);
});

interface Broken {
  readonly name: string;
  readonly text: string;
  readonly message: string;
  /** [start, end] offsets given as the text they cover and where it starts: [substring, occurrence]. */
  readonly at: string;
  readonly outline: readonly string[];
}

const broken: Broken[] = [
  {
    name: 'attribute without a value, next attribute still read',
    text: 'resource "azurerm_redis_cache" "r" {\n  name =\n  minimum_tls_version = "1.2"\n}\noutput "id" { value = 1 }\n',
    message: 'expected an expression, found the end of the line',
    at: '\n  minimum',
    outline: ['resource:azurerm_redis_cache:r', 'output:id'],
  },
  {
    name: 'block left open before the next resource',
    text: 'resource "azurerm_redis_cache" "r" {\n  name = "r"\n\nresource "azurerm_private_endpoint" "pe" {\n  name = "pe"\n}\n',
    message: "expected '}' to close the resource block opened on line 1",
    at: '{',
    outline: ['resource:azurerm_redis_cache:r', 'resource:azurerm_private_endpoint:pe'],
  },
  {
    name: 'unterminated string ends at the end of its line',
    text: 'locals {\n  name = "abc\n  other = 1\n}\n',
    message: 'unterminated string: expected a closing " before the end of the line',
    at: '"abc',
    outline: ['locals'],
  },
  {
    name: 'call left open while typing: the block still closes',
    text: 'resource "azurerm_private_endpoint" "pe" {\n  tags = merge(var.tags,\n}\noutput "o" {\n  value = 1\n}\n',
    message: "expected an expression, found '}'",
    at: '}',
    outline: ['resource:azurerm_private_endpoint:pe', 'output:o'],
  },
  {
    name: 'missing = between name and value',
    text: 'variable "x" {\n  default "a"\n}\nvariable "y" {}\n',
    message: "expected '{' to open the body of the default block, found the end of the line",
    at: '\n}',
    outline: ['variable:x', 'variable:y'],
  },
  {
    name: 'stray token at the top level',
    text: '= 3\nlocals { a = 1 }\n',
    message: "expected an attribute or a block, found '='",
    at: '=',
    outline: ['locals'],
  },
  {
    name: 'interpolation not closed',
    text: 'locals {\n  a = "x-${var.y"\n  b = 2\n}\n',
    message: "expected '}' to close the interpolation opened on line 2, found a string",
    at: '"\n',
    outline: ['locals'],
  },
];

for (const c of broken) {
  test(`recovery: ${c.name}`, () => {
    const file = parseHcl(c.text, 'main.tf');
    assert.equal(file.diagnostics.length, 1, JSON.stringify(file.diagnostics));
    const [d] = file.diagnostics;
    assert.equal(d.message, c.message);
    assert.equal(d.start, c.text.indexOf(c.at) + (c.at.startsWith('\n') ? 0 : 0), `diagnostic at ${JSON.stringify(c.text.slice(d.start, d.start + 10))}`);
    assert.deepEqual(outline(file.body), c.outline);
  });
}

test('recovery: the attribute after a broken one in the same block is still read', () => {
  const file = parseHcl('resource "azurerm_redis_cache" "r" {\n  name = (\n  public_network_access_enabled = true\n}\n', 'main.tf');
  assert.equal(file.diagnostics.length, 1);
  const block = file.body.blocks[0];
  assert.deepEqual(outline(block.body), ['public_network_access_enabled=']);
});

test('nesting 20,000 deep is a diagnostic, not a stack overflow', () => {
  const text = `x = ${'['.repeat(20000)}${']'.repeat(20000)}\ny = 1\n`;
  const file = parseHcl(text, 'deep.tf');
  assert.equal(file.diagnostics.length, 1);
  assert.match(file.diagnostics[0].message, /nested too deeply/);
  assert.deepEqual(outline(file.body), ['y=']);
});

test('random cuts of a valid file never throw and always end', () => {
  const valid = 'resource "azurerm_private_endpoint" "pe" {\n  for_each = { for k, v in var.pes : k => v if v.on }\n  name = "pe-${each.key}"\n  private_service_connection {\n    subresource_names = ["redisCache"]\n  }\n  tags = merge(var.tags, { a = <<-EOT\n    x\n    EOT\n  })\n}\n';
  for (let cut = 0; cut <= valid.length; cut++) {
    for (const text of [valid.slice(0, cut), valid.slice(0, cut) + valid.slice(cut + 1)]) {
      const file = parseHcl(text, 'cut.tf');
      assert.ok(Array.isArray(file.diagnostics));
    }
  }
});

test('work is linear: 4× the endpoints is 4× the parser steps, and a broken file costs no more', () => {
  const unit = (i: number) => `resource "azurerm_private_endpoint" "pe${i}" {\n  name = "pe-\${var.name}-${i}"\n  subnet_id = azurerm_subnet.pe.id\n  private_service_connection {\n    name = "c"\n    private_connection_resource_id = azurerm_redis_cache.r[${i}].id\n    subresource_names = ["redisCache"]\n    is_manual_connection = false\n  }\n}\n`;
  const make = (n: number) => Array.from({ length: n }, (_, i) => unit(i)).join('');
  const small = parseHcl(make(1000), 'small.tf');
  const large = parseHcl(make(4000), 'large.tf');
  assert.equal(large.body.blocks.length, 4000);
  const ratio = large.work! / small.work!;
  assert.ok(ratio > 3.9 && ratio < 4.1, `4× input took ${ratio.toFixed(2)}× the steps`);
  // Every block left open: recovery reads no part of the text more than twice.
  const open = make(1000).replace(/\n}\n/g, '\n\n');
  const broken = parseHcl(open, 'open.tf');
  assert.ok(broken.work! <= 2.2 * small.work!, `broken: ${broken.work} steps vs ${small.work}`);
  assert.ok(broken.body.blocks.length === 1000 && broken.diagnostics.length >= 1000);
});

test('a broken directive or interpolation in a block label is reported there, and the blocks after it are read', () => {
  // Found by the keystroke fuzz (reparse.test.ts): typing `%{` inside a label threw out of the whole parse.
  for (const label of ['"spx%{okes"', '"a${b"', '"a%{ if }"']) {
    const file = parseHcl(`variable ${label} {\n  type = string\n}\n\nresource "x" "after" {\n  name = "n"\n}\n`);
    assert.ok(file.diagnostics.length >= 1, label);
    assert.ok(file.body.blocks.some((b) => b.labels[1]?.value === 'after'), `${label}: ${JSON.stringify(file.body.blocks.map((b) => b.labels.map((l) => l.value)))}`);
  }
});
