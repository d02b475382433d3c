import type { ExplorerActions, Step } from '../context.js';
import { blockedReason } from '../nav/targets.js';
import { h, type Child } from './dom.js';

/**
 * An anchor to a URL, by where it leads: a link here is shown in the page (a plain click, so a
 * middle click still opens a new tab); a link into a peer service carries the trail to that
 * service's explorer; any other site opens as a plain link; a `javascript:` or other non-http(s)
 * URL gets no anchor at all, only its text and why it is not followed.
 */
export function linkAnchor(
  actions: ExplorerActions,
  url: string,
  step: Step,
  content: Child,
  className?: string,
): HTMLElement {
  const target = actions.target(url);
  const href = actions.anchorHref(url, step);
  if (target.kind === 'blocked' || href === undefined) {
    return h(
      'span',
      { class: `blocked ${className ?? ''}`.trim() },
      content,
      ' ',
      h('em', { class: 'note' }, `(${blockedReason(url)})`),
    );
  }
  const anchor = h(
    'a',
    {
      href,
      class: className,
      rel: target.kind === 'elsewhere' ? 'noopener noreferrer' : undefined,
      'data-target': target.kind,
    },
    content,
  );
  if (target.kind === 'peer') {
    // The trail may have grown since the page was drawn (a submission): carry it as it is now.
    anchor.addEventListener('click', () => {
      anchor.href = actions.anchorHref(url, step) ?? anchor.href;
    });
  }
  if (target.kind === 'here') {
    anchor.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
        return;
      event.preventDefault();
      actions.go(target.url, step);
    });
  }
  return anchor;
}

/** A short note for a link to another service or site, so people know they are leaving. */
export function targetNote(actions: ExplorerActions, url: string): HTMLElement | undefined {
  const target = actions.target(url);
  if (target.kind === 'peer')
    return h('span', { class: 'badge peer' }, `opens ${target.origin}’s explorer`);
  if (target.kind === 'elsewhere')
    return h('span', { class: 'badge elsewhere' }, 'another site: opens as a plain link');
  return undefined;
}
