import { isKnown } from '../graph/types';
import { connectionPropertyPath, linkTarget } from './chain';
import { equalsIgnoreCase, propertySpan, headlineSpan } from './support';
import type { Rule, RuleFinding, Severity } from './types';

// Sources: Microsoft Learn "Manage Azure private endpoints" (manual connections wait for approval by the resource
// owner; states Pending, Approved, Rejected, Disconnected) and Azure Policy 7803067c, which treats only Approved as
// compliant. The default severity is the ceiling: designs get info, Pending warning, Rejected error.
export const manualConnectionNotApproved: Rule = {
  id: 'manual-connection-not-approved',
  defaultSeverity: 'error',
  title: 'A private endpoint connection needs, or did not get, approval',
  description:
    'A connection declared under `manualPrivateLinkServiceConnections` stays Pending until the owner of the target ' +
    'approves it: clients cannot use the endpoint before then (design: info). Live, a Pending connection is a ' +
    'warning and a Rejected one an error. Approve the connection on the target resource, or use an automatic connection ' +
    '(`privateLinkServiceConnections`) when you own both sides.',
  sourceUrl: 'https://learn.microsoft.com/en-us/azure/private-link/manage-private-endpoint',
  modes: ['design', 'live'],
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const endpoint of graph.endpoints) {
      for (const connection of endpoint.connections) {
        if (!isKnown(connection.targetId) || !linkTarget(graph, connection.targetId)) continue;
        const status = isKnown(connection.status) ? connection.status : undefined;
        const verdict = judge(status, connection.manual);
        if (!verdict) continue;
        const endpointName = graph.displayName(endpoint.id);
        const targetName = graph.displayName(connection.targetId);
        const path = connectionPropertyPath(endpoint, connection, status ? 'privateLinkServiceConnectionState.status' : 'privateLinkServiceId');
        findings.push({
          message: verdict.message(endpointName, targetName),
          node: endpoint,
          span: propertySpan(endpoint, path) ?? headlineSpan(endpoint),
          severity: verdict.severity,
          facts: { status: status ?? null, manual: connection.manual, targetId: connection.targetId },
        });
      }
    }
    return findings;
  },
};

interface Verdict {
  readonly severity: Severity;
  message(endpoint: string, target: string): string;
}

function judge(status: string | undefined, manual: boolean): Verdict | undefined {
  if (status && equalsIgnoreCase(status, 'Rejected')) {
    return { severity: 'error', message: (e, t) => `The owner of ${t} rejected the connection of private endpoint ${e}: clients cannot reach ${t} through it.` };
  }
  if (status && equalsIgnoreCase(status, 'Pending')) {
    return { severity: 'warning', message: (e, t) => `The connection of private endpoint ${e} to ${t} is still Pending approval: clients cannot use it until the owner of ${t} approves it.` };
  }
  if (!status && manual) {
    return { severity: 'info', message: (e, t) => `Private endpoint ${e} uses a manual connection to ${t}: it stays Pending until the owner of ${t} approves it, so plan the approval step.` };
  }
  return undefined;
}
