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
