// The peer parsers of the benches: a tree-sitter grammar's WASM build (shipped in its npm package) through
// web-tree-sitter, in this process.
import { join } from 'node:path';
import { root } from '../scripts/load-source.mjs';

/** `wasm` relative to node_modules. Returns parse(text) → true when the tree has an error or missing node. */
export async function loadTreeSitter(wasm) {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(join(root, 'node_modules', wasm)));
  return (text) => {
    const tree = parser.parse(text);
    const errors = tree.rootNode.hasError;
    tree.delete();
    return errors;
  };
}

/**
 * tree-sitter parsing `paths` in a child process (bench/tree-sitter-process.mjs). `run()` parses them all once and
 * resolves to { wall, cpu, rejected }, timed in the child.
 */
export async function treeSitterProcess(wasm, paths) {
  const { fork } = await import('node:child_process');
  const child = fork(new URL('./tree-sitter-process.mjs', import.meta.url), [], { stdio: 'inherit' });
  const next = () => new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the tree-sitter process exited (${code})`)));
  });
  const ready = next();
  child.send({ wasm, paths });
  await ready;
  return {
    run: () => {
      const answer = next();
      child.send('parse');
      return answer;
    },
    close: () => child.kill(),
  };
}
