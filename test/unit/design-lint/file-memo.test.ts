import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileMemo } from '../../../src/sources/file-memo';

test('FileMemo: a file is computed once per text; a new text gets the previous value to build on', () => {
  const memo = new FileMemo<string>(1000);
  const seen: (string | undefined)[] = [];
  const compute = (text: string) => (previous: string | undefined) => {
    seen.push(previous);
    return `parsed ${text}`;
  };
  assert.equal(memo.get('/a', 'one', compute('one')), 'parsed one');
  assert.equal(memo.get('/a', 'one', compute('one')), 'parsed one');
  assert.equal(memo.get('/a', 'two', compute('two')), 'parsed two');
  assert.deepEqual(seen, [undefined, 'parsed one']);
});

test('FileMemo: bounded by the text it holds, least recently used first out, never the file just added', () => {
  const memo = new FileMemo<number>(10);
  let computed = 0;
  const get = (path: string, text: string) => memo.get(path, text, () => ++computed);
  get('/a', 'aaaa');
  get('/b', 'bbbb');
  get('/a', 'aaaa'); // /a is now the most recently used
  get('/c', 'cccc'); // 12 characters: /b goes
  assert.equal(computed, 3);
  get('/a', 'aaaa');
  get('/c', 'cccc');
  assert.equal(computed, 3, '/a and /c were kept');
  get('/b', 'bbbb');
  assert.equal(computed, 4, '/b was dropped');
  get('/huge', 'x'.repeat(50));
  get('/huge', 'x'.repeat(50));
  assert.equal(computed, 5, 'a file larger than the bound is still kept while it is the newest');
});
