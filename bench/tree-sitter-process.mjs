// The tree-sitter peer of bench/avm.mjs in a process of its own: its WASM memory and garbage must not burden the
// runs of ours it is interleaved with (a user's `plreview lint` has no tree-sitter in its process), nor ours its.
// Protocol: the parent sends { wasm, paths } once, then 'parse' for each timed run; each run's answer is
// { wall, cpu, rejected }, timed here so that the messages are not part of it.
import { readFileSync } from 'node:fs';
import { loadTreeSitter } from './tree-sitter.mjs';
import { timeOnce } from './stats.mjs';

let parse;
let texts = [];
process.on('message', async (message) => {
  if (message === 'parse') {
    let rejected = 0;
    const timing = await timeOnce(() => {
      rejected = 0;
      for (const text of texts) if (parse(text)) rejected++;
    });
    process.send({ ...timing, rejected });
  } else {
    parse = await loadTreeSitter(message.wasm);
    texts = message.paths.map((path) => readFileSync(path, 'utf8'));
    process.send('ready');
  }
});
