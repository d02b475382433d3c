import type { Bundle } from './assets.js';

/** What the page is told when it is sent. */
export interface ShellOptions {
  /** The bundle whose files the page loads. */
  bundle: Bundle;
  /** Where the assets are served from, e.g. `/_explorer/` (after the app's own mount path). */
  assetPath: string;
  /** Origins of the other Halway services this one works with. */
  peers: readonly string[];
  /** The service's name, when it has one. */
  title: string | undefined;
}

/**
 * The explorer's HTML page. It is the same for every resource: the script reads the page's own
 * URL and fetches it as JSON. Settings travel in `<meta>` elements, since the policy allows no
 * inline script; every value is escaped.
 */
export function renderShell(options: ShellOptions): string {
  const { bundle, assetPath } = options;
  const name = options.title ?? '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="halway-explorer-peers" content="${escapeHtml(options.peers.join(' '))}">
<meta name="halway-explorer-service" content="${escapeHtml(name)}">
<title>${escapeHtml(name === '' ? 'Halway explorer' : `${name} · Halway explorer`)}</title>
<link rel="icon" href="${escapeHtml(assetPath + bundle.icon)}" type="image/svg+xml">
<link rel="stylesheet" href="${escapeHtml(assetPath + bundle.style)}">
<script type="module" src="${escapeHtml(assetPath + bundle.script)}"></script>
</head>
<body>
<noscript><p>The Halway explorer needs JavaScript. Programs get this resource as JSON from the same URL (<code>Accept: application/hal+json</code>).</p></noscript>
<div id="explorer"></div>
</body>
</html>
`;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}
