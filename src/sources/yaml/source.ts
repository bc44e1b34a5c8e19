// YAML designs in the source registry. A design names caches that other files may declare, so its graph is
// built once every source has read; only its parse is kept between analyses.
import { FileMemo } from '../file-memo';
import type { DesignSource } from '../registry';
import { yamlEditsForFix } from './fixes';
import { declaredCaches, readYamlDesign, yamlDesignToGraph, type YamlDesign } from './to-graph';

const yamlDesigns = new FileMemo<YamlDesign>(4_000_000);

export const yamlSource: DesignSource = {
  formats: ['yaml'],
  reads: 'per-file',
  read: ([file], context) => {
    const design = context.oneShot ? readYamlDesign(file) : yamlDesigns.get(file.path, file.text, () => readYamlDesign(file));
    const cloud = context.cloudOf?.(file.path);
    return { declares: declaredCaches(design), refersByName: (find) => yamlDesignToGraph(design, { findCache: find, cloud }) };
  },
  editsForFix: yamlEditsForFix,
};
