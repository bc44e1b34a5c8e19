// Placeholder replaced below.
import type { Value } from '../bicep/eval-value';
import type { RegistryCall, ResourceInstance } from './evaluate';
export function avmModule(_source: string, _call: RegistryCall): { resources: ResourceInstance[]; outputs: Value } | undefined {
  return undefined;
}
