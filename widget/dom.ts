/** @module `h(tag, attributes, ...children)`: the widget's one way of building DOM (no framework, see docs/widget.md). */

export type Child = Node | string | number | false | null | undefined;
type Attribute = string | number | boolean | null | undefined | ((event: Event) => void);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, Attribute> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'value') (element as unknown as HTMLInputElement).value = String(value ?? '');
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child !== false && child !== null && child !== undefined) element.append(typeof child === 'number' ? String(child) : child);
  }
  return element;
}
