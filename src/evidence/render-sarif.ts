// findings.sarif through the shared SARIF writer (sarif.ts, also behind `plreview lint --format sarif`), fed
// from the evidence model rather than the raw findings, so SARIF shows exactly what the other files show:
// redacted, masked when asked, and with the bundle's relative file paths.

import type { Position } from '../graph/types';
import { ruleById } from '../rules/registry';
import type { Finding, Rule } from '../rules/types';
import { canonicalJson } from './canonical';
import type { EvidenceFinding, EvidenceModel } from './model';
import { toSarif } from './sarif';

export function renderSarifText(model: EvidenceModel): string {
  const fingerprints = new Map<Finding, string>();
  const findings = model.findings.map((f) => {
    const finding = asFinding(f);
    fingerprints.set(finding, f.fingerprint);
    return finding;
  });
  // The bundle's own fingerprint (rule, node, facts) so SARIF and evidence.json name a finding the same way.
  // Describe the rules that ran (not every registered rule): SARIF then states what was checked.
  const rules = model.rulesChecked.map(ruleById).filter((r): r is Rule => r !== undefined);
  return canonicalJson(toSarif(findings, { toolVersion: model.tool.version, rules, fingerprintOf: (f) => fingerprints.get(f)! }));
}

/** The model's finding as the engine's Finding: the reverse of build.ts's findingEvidence. */
export function asFinding(f: EvidenceFinding): Finding {
  const { location } = f;
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    location:
      location.kind === 'file'
        ? {
            kind: 'file',
            span: {
              file: location.file,
              range: {
                start: position(location.startLine, location.startColumn, location.startOffset),
                end: position(location.endLine, location.endColumn, location.endOffset),
              },
            },
          }
        : { kind: 'resource', resourceId: location.resourceId, ...(location.subscriptionId ? { subscriptionId: location.subscriptionId } : {}) },
    related: [],
    facts: f.facts,
    fixes: [],
    source: f.source,
    nodeId: f.nodeId,
  };
}

function position(line: number, column: number, offset: number): Position {
  return { line: line - 1, character: column - 1, offset };
}
