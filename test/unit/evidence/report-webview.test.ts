import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../../../src/evidence/render-html';
import { REPORT_WEBVIEW_CSP, reportForWebview } from '../../../src/evidence/report-webview';
import { estateModel } from './support';

// Issue 14: Open Report shows the rendered report.html in a VS Code webview with a strict content security policy.

test('the report for the webview starts its <head> with a policy that lets nothing load or run', () => {
  const shown = reportForWebview(renderHtml(estateModel()));
  const head = shown.slice(shown.indexOf('<head>'), shown.indexOf('</head>'));
  const first = /<head>\s*(<meta[^>]*>)/.exec(head)?.[1] ?? '';
  assert.equal(first, `<meta http-equiv="Content-Security-Policy" content="${REPORT_WEBVIEW_CSP}">`);
  assert.match(REPORT_WEBVIEW_CSP, /^default-src 'none';/);
  assert.doesNotMatch(REPORT_WEBVIEW_CSP, /script-src|unsafe-eval|https?:/);
});

test('what the policy forbids, the report does not need: no script, no external resource', () => {
  const html = renderHtml(estateModel());
  assert.doesNotMatch(html, /<script|<link|<iframe|\bsrc="(?!data:)|\bhref="https?:/i);
  assert.match(html, /<style>/, 'inline CSS, which the policy allows');
});

test('a fragment without <head> is wrapped in a document that carries the policy', () => {
  const shown = reportForWebview('<p>x</p>');
  assert.match(shown, /^<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Security-Policy"/);
  assert.match(shown, /<body><p>x<\/p><\/body>/);
});
