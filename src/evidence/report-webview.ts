// report.html shown inside VS Code (Export Evidence → Open Report): the rendered report rather than report.md's
// Markdown source. The file is self-contained (inline CSS and SVG, no script, no external resource), so the
// webview gets the strictest policy that still shows it: nothing may load or run, inline styles and data: images
// may apply. The policy is put first in <head>, so it holds whatever the file itself declares.

export const REPORT_WEBVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function reportForWebview(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${REPORT_WEBVIEW_CSP}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + `\n${meta}` + html.slice(head.index + head[0].length);
  return `<!DOCTYPE html>\n<html><head>${meta}</head><body>${html}</body></html>`;
}
