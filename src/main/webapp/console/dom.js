// Small DOM helpers shared by the panels.

/** el('li', {class: 'x', onclick: f}, 'text', child) builds an element; attributes starting with "on" are listeners. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Appends to a scrolling feed, keeps at most `cap` entries, and follows the end only if the reader was there. */
export function appendCapped(list, node, cap = 1000) {
  const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 24;
  list.append(node);
  while (list.childElementCount > cap) list.firstElementChild.remove();
  if (atEnd) list.scrollTop = list.scrollHeight;
}

export function json(value) {
  return JSON.stringify(value);
}

export function time(date = new Date()) {
  return date.toISOString().slice(11, 23);
}

/** Parses JSON typed by a person; returns {value} or {error} with a readable message. */
export function parseJson(text) {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: 'Not valid JSON: ' + e.message };
  }
}

/** A readable line for an error answer of any endpoint. */
export function describeError(message) {
  const code = message.code ? `[${message.code}] ` : '';
  const text = message.error ?? message.message ?? JSON.stringify(message);
  const problems = Array.isArray(message.problems) && message.problems.length ? ': ' + message.problems.join('; ') : '';
  return code + text + problems;
}

/** A log area of one panel: server errors and notices, shown readably, never swallowed. */
export class Notices {
  constructor(list, cap = 200) {
    this.list = list;
    this.cap = cap;
  }
  error(text) {
    this.add(text, 'error');
  }
  info(text) {
    this.add(text, 'info');
  }
  add(text, kind) {
    appendCapped(this.list, el('li', { class: kind }, el('time', {}, time()), ' ', text), this.cap);
  }
}
