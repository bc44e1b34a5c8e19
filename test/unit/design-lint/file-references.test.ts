import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { confinedReader, isInside, MAX_DESIGN_FILE_BYTES } from '../../../src/lint/confined-read';
import { memoryIo } from '../../support/cli';

// Fail closed (issue #12): a file a design names is read only when it is a regular Bicep file inside the analysed
// root and at most 10 MB; otherwise an `analysis-incomplete` error at the reference says which reference was not
// followed and why, nothing is read, and no message quotes the file.

let scratch = '';
/** A secret in a file outside the repository: it must never reach any output. */
const TOKEN = 'ghp_R3allySecretTokenValue0123456789abcd';

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'plr-refs-'));
  mkdirSync(join(scratch, 'outside'));
  writeFileSync(join(scratch, 'outside', 'token.txt'), `${TOKEN}\n`);
  writeFileSync(join(scratch, 'outside', 'secret.bicep'), `param p string = '${TOKEN}'\n${TOKEN} here\n`);
});
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A repository folder `scratch/<name>/repo` with these files (so `../../outside` leaves it). */
function repo(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name, 'repo');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const moduleCall = (source: string, symbol = 'm') => `module ${symbol} '${source}' = {\n  name: '${symbol}'\n}\n`;

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

async function lintAll(cwd: string, args: string[] = []) {
  const outputs: string[] = [];
  let json: JsonFinding[] = [];
  let code = -1;
  for (const format of ['text', 'json', 'sarif']) {
    const io = memoryIo(cwd);
    code = await main(['lint', ...args, '--format', format], io);
    outputs.push(io.stdout(), io.stderr());
    if (format === 'json') json = (JSON.parse(io.stdout()) as { findings: JsonFinding[] }).findings;
  }
  return { code, findings: json, everything: outputs.join('\n') };
}

/**
 * Runs lint in a child process bounded in time and memory: before the fix these inputs read /dev/zero until the
 * machine ran out of memory, or blocked forever on a FIFO. A killed child is a failed test, not a dead runner.
 */
function lintInChild(cwd: string): { status: number | null; signal: string | null; stdout: string; stderr: string } {
  const cli = require.resolve('../../../src/cli/main');
  const script = `require(${JSON.stringify(cli)}).main(['lint', '--format', 'json'], { cwd: process.cwd(), env: {}, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then((code) => { process.exitCode = code; });`;
  const result = spawnSync('sh', ['-c', 'ulimit -v 2000000 && exec "$0" -e "$1"', process.execPath, script], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

function onlyIncomplete(findings: JsonFinding[]): JsonFinding {
  const incomplete = findings.filter((f) => f.ruleId === 'analysis-incomplete');
  assert.equal(incomplete.length, 1, JSON.stringify(findings));
  assert.equal(incomplete[0].severity, 'error');
  return incomplete[0];
}

test("module m '../../../../dev/zero' is not read: an error at the module path, in bounded time and memory", () => {
  // Enough `..` to reach / from any temporary folder; normalisation stops at the root.
  const dir = repo('dev-zero', { 'main.bicep': moduleCall(`${'../'.repeat(40)}dev/zero`) });
  const child = lintInChild(dir);
  assert.equal(child.signal, null, `lint was killed (${child.signal}): ${child.stderr.slice(0, 500)}`);
  assert.equal(child.status, 1, child.stderr);
  const finding = onlyIncomplete((JSON.parse(child.stdout) as { findings: JsonFinding[] }).findings);
  assert.deepEqual([finding.file, finding.line, finding.column], ['main.bicep', 1, 10]);
  assert.match(finding.message, /module 'm' refers to '(\.\.\/)+dev\/zero', which was not read: it is not a Bicep \(\.bicep\) file\./);
});

test('a module that is a FIFO is not opened: an error instead of a hang', () => {
  const dir = repo('fifo', { 'main.bicep': moduleCall('./pipe.bicep') });
  const made = spawnSync('mkfifo', [join(dir, 'pipe.bicep')]);
  assert.equal(made.status, 0, 'mkfifo is needed for this test');
  const child = lintInChild(dir);
  assert.equal(child.signal, null, `lint hung and was killed: ${child.stderr.slice(0, 500)}`);
  assert.equal(child.status, 1, child.stderr);
  const finding = onlyIncomplete((JSON.parse(child.stdout) as { findings: JsonFinding[] }).findings);
  assert.match(finding.message, /'\.\/pipe\.bicep', which was not read: it is not a regular file \(a named pipe\)/);
});

test('a FIFO named .plreview.yaml is not opened: a usage error instead of a hang', () => {
  const dir = repo('fifo-config', { 'main.bicep': "param location string = 'westeurope'\n" });
  assert.equal(spawnSync('mkfifo', [join(dir, '.plreview.yaml')]).status, 0, 'mkfifo is needed for this test');
  const child = lintInChild(dir);
  assert.equal(child.signal, null, `lint hung and was killed: ${child.stderr.slice(0, 500)}`);
  assert.equal(child.status, 2, child.stderr);
  assert.match(child.stderr, /\.plreview\.yaml: not read: it is not a regular file \(a named pipe\)/);
});

test("module t '../../outside/token.txt' never prints the file's content (text, JSON, SARIF)", async () => {
  const dir = repo('token', { 'infra/main.bicep': moduleCall('../../../outside/token.txt', 't') });
  const { code, findings, everything } = await lintAll(dir);
  assert.equal(code, 1);
  assert.ok(!everything.includes(TOKEN), 'the token reached the output');
  assert.ok(!everything.includes('ghp_'), 'part of the token reached the output');
  const finding = onlyIncomplete(findings);
  assert.equal(finding.file, 'infra/main.bicep');
  assert.match(finding.message, /module 't' refers to '\.\.\/\.\.\/\.\.\/outside\/token\.txt', which was not read: it is not a Bicep \(\.bicep\) file\./);
  // Named like a Bicep file, it is refused for where it is.
  const renamed = repo('token-bicep', { 'infra/main.bicep': moduleCall('../../../outside/secret.bicep', 't') });
  const second = await lintAll(renamed);
  assert.ok(!second.everything.includes(TOKEN));
  assert.match(onlyIncomplete(second.findings).message, /'\.\.\/\.\.\/\.\.\/outside\/secret\.bicep', which was not read: it is outside the analysed folder/);
});

test('a module that is not a Bicep file is not read, even inside the repository', async () => {
  const dir = repo('not-bicep', { 'main.bicep': moduleCall('./notes.txt'), 'notes.txt': `${TOKEN}\n` });
  const { code, findings, everything } = await lintAll(dir);
  assert.equal(code, 1);
  assert.ok(!everything.includes(TOKEN));
  assert.match(onlyIncomplete(findings).message, /'\.\/notes\.txt', which was not read: it is not a Bicep \(\.bicep\) file/);
});

test('a symbolic link out of the repository is not followed', async () => {
  const dir = repo('symlink', { 'main.bicep': moduleCall('./shared.bicep') });
  symlinkSync(join(scratch, 'outside', 'secret.bicep'), join(dir, 'shared.bicep'));
  const { code, findings, everything } = await lintAll(dir);
  assert.equal(code, 1);
  assert.ok(!everything.includes(TOKEN));
  assert.match(onlyIncomplete(findings).message, /'\.\/shared\.bicep', which was not read: it is a link to a file outside the analysed folder/);
});

test('a folder linked out of the repository is not followed, for any file in it (folder real paths are remembered)', async () => {
  const dir = repo('folder-link', { 'main.bicep': `${moduleCall('./shared/secret.bicep', 'a')}${moduleCall('./shared/token.bicep', 'b')}`, 'inside/ok.bicep': '' });
  symlinkSync(join(scratch, 'outside'), join(dir, 'shared'));
  writeFileSync(join(scratch, 'outside', 'token.bicep'), `param p string = '${TOKEN}'\n`);
  const { code, findings, everything } = await lintAll(dir);
  assert.equal(code, 1);
  assert.ok(!everything.includes(TOKEN));
  const incomplete = findings.filter((f) => f.ruleId === 'analysis-incomplete');
  assert.equal(incomplete.length, 2, JSON.stringify(findings));
  for (const f of incomplete) assert.match(f.message, /which was not read: it is a link to a file outside the analysed folder/);
});

test('real paths of folders: deep under a link out is refused; a root reached through a link, and links inside it, are read', () => {
  const dir = repo('deep-links', { 'real/sub/deep/ok.bicep': 'param ok string\n', 'main.bicep': '' });
  mkdirSync(join(scratch, 'outside', 'nested', 'deeper'), { recursive: true });
  writeFileSync(join(scratch, 'outside', 'nested', 'deeper', 'x.bicep'), `param p string = '${TOKEN}'\n`);
  symlinkSync(join(scratch, 'outside'), join(dir, 'out'));
  symlinkSync(join(dir, 'real', 'sub'), join(dir, 'alias'));
  const read = confinedReader(dir);
  // Every folder below a link out is outside, however deep (each folder's real path comes from its parent's).
  assert.deepEqual(read('out/nested/deeper/x.bicep'), { notRead: `it is a link to a file outside the analysed folder ${dir}` });
  assert.equal(read('real/sub/deep/ok.bicep'), 'param ok string\n');
  assert.equal(read('alias/deep/ok.bicep'), 'param ok string\n', 'a link to a folder inside the root');
  // The root itself named through a link (as /work/corpus/avm is): its files are inside it.
  const linkedRoot = join(scratch, 'deep-links', 'root-link');
  symlinkSync(dir, linkedRoot);
  const throughLink = confinedReader(linkedRoot);
  assert.equal(throughLink('real/sub/deep/ok.bicep'), 'param ok string\n');
  assert.equal(throughLink('alias/deep/ok.bicep'), 'param ok string\n');
  assert.deepEqual(throughLink('out/nested/deeper/x.bicep'), { notRead: `it is a link to a file outside the analysed folder ${linkedRoot}` });
});

test('isInside: the root and what is below it, never a sibling that shares its prefix', () => {
  assert.equal(isInside('/repo', '/repo'), true);
  assert.equal(isInside('/repo', '/repo/a/b.bicep'), true);
  assert.equal(isInside('/repo', '/repository/b.bicep'), false);
  assert.equal(isInside('/repo', '/re'), false);
  assert.equal(isInside('/repo/a', '/repo'), false);
  assert.equal(isInside('/', '/anything/x'), true);
});

test('a module over 10 MB is not read', async () => {
  const big = `// ${'x'.repeat(MAX_DESIGN_FILE_BYTES)}\n`;
  const dir = repo('big', { 'main.bicep': moduleCall('./big.bicep'), 'big.bicep': big });
  const { code, findings } = await lintAll(dir, ['main.bicep']);
  assert.equal(code, 1);
  assert.match(onlyIncomplete(findings).message, /'\.\/big\.bicep', which was not read: it is larger than 10 MB/);
});

test('using, import and extends targets outside the root are not followed either', async () => {
  const dir = repo('param-files', {
    'main.bicepparam': "using '../../outside/secret.bicep'\nextends '../../outside/base.bicepparam'\n",
    'types.bicep': "import { x } from '../../outside/secret.bicep'\n",
  });
  const { code, findings, everything } = await lintAll(dir);
  assert.equal(code, 1);
  assert.ok(!everything.includes(TOKEN));
  const incomplete = findings.filter((f) => f.ruleId === 'analysis-incomplete').map((f) => `${f.file}:${f.line} ${f.message.split(', which')[0]}`);
  assert.deepEqual(incomplete.sort(), [
    "main.bicepparam:1 Not analysed: using refers to '../../outside/secret.bicep'",
    "main.bicepparam:2 Not analysed: extends refers to '../../outside/base.bicepparam'",
    "types.bicep:1 Not analysed: import refers to '../../outside/secret.bicep'",
  ]);
});

test('the root is the folder linted, or the common parent of the files named', async () => {
  const dir = repo('root', {
    'infra/main.bicep': moduleCall('../modules/net.bicep', 'net'),
    'modules/net.bicep': "param location string = 'westeurope'\n",
  });
  // The whole repository: the module is inside it and is read.
  assert.deepEqual((await lintAll(dir)).findings, []);
  assert.deepEqual((await lintAll(dir, ['infra/main.bicep', 'modules/net.bicep'])).findings, []);
  // Only infra/ is analysed: a module outside it is not followed, and the message says so.
  const only = await lintAll(dir, ['infra/main.bicep']);
  assert.equal(only.code, 1);
  assert.match(onlyIncomplete(only.findings).message, new RegExp(`it is outside the analysed folder ${join(dir, 'infra').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
});

test('confinedReader: regular files inside the root are read; everything else says why', () => {
  const dir = repo('reader', { 'a.bicep': 'param a string\n', 'sub/b.bicep': 'param b string\n' });
  const read = confinedReader(dir, { overlay: (path) => (path === join(dir, 'sub', 'b.bicep') ? 'edited' : undefined) });
  assert.equal(read(join(dir, 'a.bicep')), 'param a string\n');
  assert.equal(read('a.bicep'), 'param a string\n', 'relative to the root');
  assert.equal(read(join(dir, 'sub', 'b.bicep')), 'edited', 'unsaved text of the editor');
  assert.equal(read(join(dir, 'missing.bicep')), undefined);
  assert.deepEqual(read(join(dir, 'sub')), { notRead: 'it is not a regular file (a folder)' });
  assert.deepEqual(read('/dev/null'), { notRead: `it is outside the analysed folder ${dir}` });
  assert.deepEqual(read(join(dir, '..', 'repo-sibling', 'x.bicep')), { notRead: `it is outside the analysed folder ${dir}` });
  // Devices and pipes are refused before they are opened (reading /dev/zero never ends).
  assert.deepEqual(confinedReader('/')('/dev/zero'), { notRead: 'it is not a regular file (a device)' });
  // The overlay never widens what may be read.
  const leaky = confinedReader(dir, { overlay: () => 'from the editor' });
  assert.deepEqual(leaky(join(scratch, 'outside', 'token.txt')), { notRead: `it is outside the analysed folder ${dir}` });
});

test("extends './base.bicepparam' inside the root is followed: the base file's values apply", async () => {
  const dir = repo('extends', {
    'main.bicep': [
      'param nonSsl bool = false',
      "resource cache 'Microsoft.Cache/redis@2024-11-01' = {",
      "  name: 'payments'",
      "  location: 'westeurope'",
      "  properties: { sku: { name: 'Premium', family: 'P', capacity: 1 }, enableNonSslPort: nonSsl }",
      '}',
      '',
    ].join('\n'),
    'main.bicepparam': "using './main.bicep'\nextends './base.bicepparam'\n",
    'base.bicepparam': 'using none\nparam nonSsl = true\n',
  });
  const { findings } = await lintAll(dir);
  assert.deepEqual(findings.map((f) => f.ruleId), ['non-tls-port-enabled'], JSON.stringify(findings));
});

test('ARM templateLink.relativePath is never read: a linked template counts only as a design file of its own', async () => {
  const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
  const linking = (relativePath: string) =>
    JSON.stringify(
      {
        $schema: schema,
        parameters: { linkedPath: { type: 'string' } },
        resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'net', properties: { mode: 'Incremental', templateLink: { relativePath } } }],
      },
      null,
      2,
    );
  const dir = repo('arm-links', {
    'outside-link.json': linking('../../outside/token.txt'),
    'inside-link.json': linking('./linked.json'),
    'computed-link.json': linking("[parameters('linkedPath')]"),
    'known-link.json': linking("[concat('./', 'linked.json')]"),
    'linked.json': JSON.stringify({ $schema: schema, resources: [] }),
  });
  const { code, findings, everything } = await lintAll(dir);
  assert.equal(code, 1);
  assert.ok(!everything.includes(TOKEN));
  const incomplete = findings.filter((f) => f.ruleId === 'analysis-incomplete').map((f) => `${f.file}:${f.line} ${f.message}`);
  assert.equal(incomplete.length, 2, JSON.stringify(findings));
  assert.match(incomplete[0], /^computed-link\.json:\d+ Analysed only in part: a deployment links a template by a path that is an expression/);
  assert.match(incomplete[1], /^outside-link\.json:\d+ Not analysed: a deployment links the template '\.\.\/\.\.\/outside\/token\.txt', which was not read: it is not one of the analysed design files/);
});
