import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { repoRoot } from '../../support/paths';

// Issue 14: a fresh `npm ci` must print no warning a user has to wonder about. npm warns (EBADENGINE) for every
// installed package whose `engines.node` refuses the running Node, and (npm 11.16+) for every install script that
// package.json's `allowScripts` does not decide. Both facts are in package-lock.json, so they are checked here.

interface LockedPackage {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  hasInstallScript?: boolean;
  engines?: { node?: string } | string[];
  os?: string[];
  cpu?: string[];
}

const root = repoRoot();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
};
const locked = (JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> }).packages;

/** The packages npm installs here: platform-specific optional ones for other systems are skipped, as npm does. */
function installedHere(): Array<[string, LockedPackage]> {
  const fits = (list: string[] | undefined, value: string) => !list || list.some((v) => v === value || (v.startsWith('!') ? v.slice(1) !== value : false));
  return Object.entries(locked)
    .filter(([path]) => path.startsWith('node_modules/'))
    .filter(([, p]) => !p.optional || (fits(p.os, process.platform) && fits(p.cpu, process.arch)))
    .map(([path, p]) => [path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), p]);
}

function nodeRange(p: LockedPackage): string | undefined {
  return p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
}

test('the lock has packages to check (the checks below are not vacuous)', () => {
  const all = installedHere();
  assert.ok(all.length > 100, `${all.length} packages`);
  assert.ok(all.some(([, p]) => nodeRange(p)), 'some packages declare engines.node');
  assert.ok(all.some(([, p]) => p.hasInstallScript), 'some packages have install scripts');
});

test("every runtime dependency accepts the oldest Node that package.json's engines promise", () => {
  const oldest = semver.minVersion(manifest.engines.node);
  assert.ok(oldest, `engines.node ${manifest.engines.node}`);
  const refusing = installedHere()
    .filter(([, p]) => !p.dev)
    .filter(([, p]) => nodeRange(p) && !semver.satisfies(oldest, nodeRange(p)!))
    .map(([name, p]) => `${name}@${p.version} wants node ${nodeRange(p)}`);
  assert.deepEqual(refusing, [], `engines.node is ${manifest.engines.node}`);
});

test('no installed package refuses the Node running the tests (npm ci would warn EBADENGINE)', () => {
  const refusing = installedHere()
    .filter(([, p]) => nodeRange(p) && !semver.satisfies(process.version, nodeRange(p)!))
    .map(([name, p]) => `${name}@${p.version} wants node ${nodeRange(p)}`);
  assert.deepEqual(refusing, [], `running ${process.version}`);
});

test("every install script is decided in package.json's allowScripts", () => {
  const decided = new Set(Object.keys(manifest.allowScripts ?? {}).map((key) => key.replace(/(.)@.*$/, '$1')));
  const undecided = installedHere()
    .filter(([, p]) => p.hasInstallScript)
    .filter(([name]) => !decided.has(name))
    .map(([name, p]) => `${name}@${p.version}`);
  assert.deepEqual(undecided, []);
});
