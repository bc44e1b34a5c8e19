// Each renderer on the sample estate against its reviewed expected output (test/fixtures/evidence/expected).
// To refresh after an intended change: PLREVIEW_UPDATE_GOLDEN=1, then READ the diff before committing it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderBundle } from '../../../src/evidence/bundle';
import { fixture } from '../../support/paths';
import { estateModel } from './support';

const files = renderBundle(estateModel());
const update = process.env.PLREVIEW_UPDATE_GOLDEN === '1';

for (const [name, actual] of files) {
  test(`${name} of the sample estate matches the reviewed expected file`, () => {
    const path = fixture('evidence', 'expected', name);
    if (update) {
      mkdirSync(fixture('evidence', 'expected'), { recursive: true });
      writeFileSync(path, actual);
    }
    assert.ok(existsSync(path), `missing expected file ${path}`);
    assert.equal(actual, readFileSync(path, 'utf8'));
  });
}
