// `npm test`'s reporter: node's own `dot` reporter (a dot per test, then every failure in full), followed by the
// run's closing summary lines as node prints them (ℹ tests N, ℹ pass N, ℹ fail N, …), which CI reads.
// TAP printed ~3,900 lines for ~750 tests; `node scripts/run-unit-tests.mjs --tap` still prints TAP.
import { dot } from 'node:test/reporters';

/** The run's closing counts arrive as top-level diagnostics, after the last test. */
const SUMMARY = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /;

export default async function* dotWithSummary(source) {
  const summary = [];
  async function* tests() {
    for await (const event of source) {
      if (event.type === 'test:diagnostic' && event.data.nesting === 0 && SUMMARY.test(event.data.message)) summary.push(event.data.message);
      else yield event;
    }
  }
  yield* dot(tests());
  yield `\n${summary.map((line) => `ℹ ${line}`).join('\n')}\n`;
}
