/** What can be put in an element: nodes, and strings and numbers, which become text. */
export type Child = Node | string | number | false | null | undefined | readonly Child[];

/** The attributes of an element; `false` and undefined leave one out, `true` sets it empty. */
export type Attributes = Record<string, string | number | boolean | undefined>;

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction']);

/**
 * Creates an element. This is the only way the explorer builds its page: every string from a
 * resource goes in as a text node or an attribute value, never as markup, so a title reading
 * `<script>` is shown as those characters. Event-handler attributes are refused, and a URL
 * attribute takes only http(s) and same-document URLs.
 */
export function h<TTag extends keyof HTMLElementTagNameMap>(
  tag: TTag,
  attributes: Attributes | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[TTag] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === false) continue;
    setAttribute(element, name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children to a node (strings as text). */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child as readonly Child[]);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child as string | number)));
  }
}

/** Replaces a node's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

function setAttribute(element: Element, name: string, value: string): void {
  const lower = name.toLowerCase();
  if (lower.startsWith('on') || lower === 'style' || lower === 'srcdoc')
    throw new TypeError(`h(): the attribute ${name} is never set`);
  if (URL_ATTRIBUTES.has(lower) && !isSafeUrl(value))
    throw new TypeError(`h(): ${name} takes only http(s) URLs`);
  element.setAttribute(name, value);
}

function isSafeUrl(value: string): boolean {
  if (value.startsWith('#')) return true;
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

let sequence = 0;

/** An id unique in the page, for tying labels, descriptions and errors to controls. */
export function uid(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

/** Sets the hue a service is drawn in, through the CSS object model (the policy allows no inline styles). */
export function setHue(element: HTMLElement | SVGElement, hue: number): void {
  element.style.setProperty('--hue', String(hue));
}
