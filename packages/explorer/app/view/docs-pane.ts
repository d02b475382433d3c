import { h, replaceChildren } from './dom.js';

/**
 * Shows a CURIE rel's documentation in the pane beside the resource. Documentation on this
 * origin is framed there (sandboxed: no scripts); the page's policy lets no other origin be
 * framed or fetched, so documentation elsewhere is linked, to open in a new tab.
 */
export function showDocsPane(pane: HTMLElement, rel: string, url: string, origin: string): void {
  const close = h('button', { type: 'button', class: 'small secondary' }, 'Close');
  const heading = h(
    'h2',
    { id: 'docs-title', tabindex: -1 },
    'Documentation of ',
    h('code', null, rel),
  );
  const sameOrigin = URL.canParse(url) && new URL(url).origin === origin;
  const safe = URL.canParse(url) && /^https?:$/.test(new URL(url).protocol);
  replaceChildren(
    pane,
    h('div', { class: 'docs-header' }, heading, close),
    h('p', null, h('code', { class: 'href' }, url)),
    !safe
      ? h('p', { class: 'note' }, 'Not opened: the documentation URL is not an http(s) URL.')
      : sameOrigin
        ? h('iframe', {
            src: url,
            title: `Documentation of ${rel}`,
            sandbox: '',
            class: 'docs-frame',
          })
        : [
            h(
              'p',
              null,
              'This documentation is on another site, which this page may not show inside itself (its security policy admits only its own origin).',
            ),
            h(
              'a',
              { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'button-link' },
              'Open the documentation in a new tab',
            ),
          ],
  );
  pane.hidden = false;
  close.addEventListener('click', () => {
    pane.hidden = true;
    replaceChildren(pane);
  });
  heading.focus();
}
