// An estate snapshot named on the command line (`--estate`), read before anything is written. An estate that cannot
// be read in full (not JSON, empty, of the wrong shape, items without id or type) is refused with one line and
// exit 2: reviewing part of a file as if it were the whole would be failing open.

import { resolve } from 'node:path';
import type { ParsedEstate } from '../sources/snapshot/estate';
import { readEstatePath } from '../sources/snapshot/read';
import { UsageError, type CliIo } from './io';

export function readEstateInput(path: string, io: CliIo): ParsedEstate {
  const parsed = readEstatePath(resolve(io.cwd, path));
  const [first, ...more] = parsed.errors;
  if (first !== undefined) {
    throw new UsageError(`--estate ${path} cannot be used: ${first}${more.length > 0 ? ` (and ${more.length} more problem${more.length === 1 ? '' : 's'})` : ''}`);
  }
  return parsed;
}
