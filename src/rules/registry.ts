// Every rule, once. Adding a rule = one file in this folder + one line here + docs/rules/<id>.md.

import type { Rule } from './types';
import { groupIdMismatch } from './group-id-mismatch';

export const RULES: readonly Rule[] = [groupIdMismatch];

/** Rule ids that are not rules but source problems (the file itself is malformed). */
export const SOURCE_PROBLEM_RULE_IDS = ['syntax-error', 'design-schema'] as const;

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

export function allRuleIds(): string[] {
  return [...RULES.map((r) => r.id), ...SOURCE_PROBLEM_RULE_IDS];
}
