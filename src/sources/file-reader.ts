// How a source reads a file that a design names but the analysis was not given: a Bicep module, a `using`,
// `import` or `extends` target. The caller decides what may be read (src/lint/confined-read.ts keeps reads inside
// the analysed folder, to regular files of bounded size); a source reports what it was told as a coverage entry
// with the reference's range, so the user sees which reference was not followed and why.

/** Why a file was not read, in words for the user: "it is outside the analysed folder /repo". */
export interface NotRead {
  readonly notRead: string;
}

/** The text of a file; undefined when it does not exist; or why it was not read. */
export type ReadFile = (path: string) => string | undefined | NotRead;

export function isNotRead(value: unknown): value is NotRead {
  return typeof value === 'object' && value !== null && typeof (value as NotRead).notRead === 'string';
}

/** The file's text, or why there is none. A reader that throws costs the file, never the analysis. */
export function readReferenced(readFile: ReadFile | undefined, path: string): { readonly text: string } | { readonly reason: string } {
  if (!readFile) return { reason: 'files a design refers to are not read in this analysis' };
  let read: ReturnType<ReadFile>;
  try {
    read = readFile(path);
  } catch (error) {
    return { reason: `it could not be read (${(error as NodeJS.ErrnoException)?.code ?? 'error'})` };
  }
  if (read === undefined) return { reason: 'it does not exist' };
  if (isNotRead(read)) return { reason: read.notRead };
  return { text: read };
}
