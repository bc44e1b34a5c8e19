// Metadata of the "rules" that are not rules but source problems: the file itself is malformed, or it could not
// be (fully) analysed.
// Outputs that list rules (SARIF's tool.driver.rules, docs) describe them like the others.

import type { Severity } from '../rules/types';

export interface SourceProblemRule {
  readonly id: 'syntax-error' | 'design-schema' | 'analysis-incomplete';
  readonly defaultSeverity: Severity;
  readonly title: string;
  readonly description: string;
}

export const SOURCE_PROBLEM_RULES: readonly SourceProblemRule[] = [
  {
    id: 'syntax-error',
    defaultSeverity: 'error',
    title: 'The design file does not parse',
    description:
      'A Bicep, ARM JSON or YAML design file has a syntax error (or an ARM template expression that does not parse). ' +
      'The rest of the file is still analysed, but nothing after the broken spot can be trusted until it is fixed.',
  },
  {
    id: 'design-schema',
    defaultSeverity: 'error',
    title: 'The YAML design does not follow the design schema',
    description:
      'A YAML design file (privateLinkDesign: v1) has a property the schema does not know, a missing required ' +
      'property, or a value of the wrong kind (schemas/privatelink-design.schema.json). Misspelt properties are ' +
      'otherwise silently ignored, so a check you meant to make would not run.',
  },
  {
    id: 'analysis-incomplete',
    defaultSeverity: 'error',
    title: 'A design file could not be fully analysed',
    description:
      'A design file, or a file it refers to (a Bicep module; a `using`, `import` or `extends` target; a linked ARM template), was not read or not ' +
      'analysed to the end: the reference leaves the analysed folder or is not a regular file, the file is too big, or ' +
      'the analyser failed on it. What it declares is not checked, so a clean result could not be trusted; the error ' +
      'makes the run fail instead. It cannot be turned off or suppressed.',
  },
];
