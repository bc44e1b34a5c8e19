// A design file as the pipeline sees it: a path and its text. The editor passes open documents (unsaved text
// included), the CLI passes files read from disk. Which format reads it is the source registry's business
// (src/sources/formats.ts).

export interface DesignFile {
  /** The path as the caller knows it (absolute in the editor and the CLI). Findings carry it back unchanged. */
  readonly path: string;
  readonly text: string;
}
