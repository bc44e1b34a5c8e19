// One Terraform module as written: the declarations of every `.tf`/`.tf.json` file of one folder (Terraform reads
// a folder as one module: a reference in main.tf may name a variable of variables.tf), with their files.

import type { Attribute, Block, Body, HclFile } from './hcl/syntax';
import { attributeOf } from './hcl/syntax';

export interface Declared<T> {
  readonly file: HclFile;
  readonly node: T;
}

export interface ModuleConfig {
  readonly dir: string;
  readonly files: readonly HclFile[];
  readonly variables: ReadonlyMap<string, Declared<Block>>;
  readonly locals: ReadonlyMap<string, Declared<Attribute>>;
  /** `type.name` → the resource block (also `data.type.name` for data sources). */
  readonly resources: ReadonlyMap<string, Declared<Block>>;
  readonly modules: ReadonlyMap<string, Declared<Block>>;
  readonly outputs: ReadonlyMap<string, Declared<Block>>;
}

export function readModuleConfig(dir: string, files: readonly HclFile[]): ModuleConfig {
  const variables = new Map<string, Declared<Block>>();
  const locals = new Map<string, Declared<Attribute>>();
  const resources = new Map<string, Declared<Block>>();
  const modules = new Map<string, Declared<Block>>();
  const outputs = new Map<string, Declared<Block>>();
  for (const file of files) {
    for (const block of file.body.blocks) {
      const [first, second] = block.labels.map((l) => l.value);
      switch (block.type) {
        case 'variable':
          if (first) variables.set(first, { file, node: block });
          break;
        case 'locals':
          for (const attribute of block.body.attributes) locals.set(attribute.name, { file, node: attribute });
          break;
        case 'resource':
          if (first && second) resources.set(`${first}.${second}`, { file, node: block });
          break;
        case 'data':
          if (first && second) resources.set(`data.${first}.${second}`, { file, node: block });
          break;
        case 'module':
          if (first) modules.set(first, { file, node: block });
          break;
        case 'output':
          if (first) outputs.set(first, { file, node: block });
          break;
      }
    }
  }
  return { dir, files, variables, locals, resources, modules, outputs };
}

/** The literal `source` of a module block, or undefined. */
export function moduleSource(body: Body): string | undefined {
  const source = attributeOf(body, 'source')?.expr;
  if (source?.type !== 'template' || source.parts.length !== 1 || source.parts[0].type !== 'text') return undefined;
  return source.parts[0].value;
}

export const isLocalSource = (source: string) => source.startsWith('./') || source.startsWith('../');
