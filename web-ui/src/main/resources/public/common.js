// Shared helpers of every page. Nothing here (or anywhere) writes HTML from strings: el() builds nodes and sets
// text with textContent, because run ids, parameter values, reasons and rule text come from any Kafka client.

export const TOKEN_HEADER = 'X-Coxswain-Token';
const TOKEN_KEY = 'coxswain.webToken';

/** The web token the user pasted into the header this session, or ''. */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value.trim());
  else sessionStorage.removeItem(TOKEN_KEY);
}

/**
 * Builds an element. attrs: 'class', 'id', 'title', 'type', 'value', 'href', 'data-*', 'dataset' (an object), other
 * attributes as text (true: present);
 * functions under 'on<event>' become listeners. children: strings (as text), nodes, arrays of those; null skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'value') {
      node.value = String(value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

/** An answer of the API that is not 2xx: status and the server's error message. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/**
 * fetch() for the JSON API. A body that is not a string is sent as JSON; every non-GET request carries the token.
 * Resolves to the parsed JSON; rejects with ApiError(status, the server's "error") otherwise.
 */
export async function api(path, options = {}) {
  const method = (options.method || 'GET').toUpperCase();
  const headers = new Headers(options.headers || {});
  let body = options.body;
  if (body !== undefined && typeof body !== 'string') {
    body = JSON.stringify(body);
    headers.set('Content-Type', 'application/json');
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const t = token();
    if (t) headers.set(TOKEN_HEADER, t);
  }
  const response = await fetch(path, { ...options, method, headers, body });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const message = json && json.error ? json.error : `${method} ${path} answered ${response.status}`;
    throw new ApiError(response.status, message, json);
  }
  return json;
}

/** The page header: title, subtitle, the nav links and the token field (kept in sessionStorage). */
export function installHeader(subtitle) {
  const field = el('input', {
    id: 'token', type: 'password', placeholder: 'web token (from cox up)', autocomplete: 'off',
    value: token(), 'aria-label': 'web token',
    onchange: (e) => setToken(e.target.value),
    oninput: (e) => setToken(e.target.value),
  });
  const links = [['Runs', '/'], ['Rules', '/rules.html'], ['Audit', '/audit.html'], ['Savings', '/savings.html']];
  const header = el('header', {},
    el('h1', {}, 'Coxswain'),
    subtitle ? el('span', { class: 'sub' }, subtitle) : null,
    el('nav', {}, links.map(([name, href]) => el('a', { href }, name))),
    el('label', { class: 'token' }, 'token ', field));
  const existing = document.querySelector('body > header');
  if (existing) existing.replaceWith(header);
  else document.body.prepend(header);
  return header;
}

export function number(value, digits = 4) {
  return value === null || value === undefined || value === '' ? '' : Number(value).toPrecision(digits);
}

// A page whose static header already has the token field (id "token") gets it bound here: pasted once, kept for the
// session, sent by api() on every write.
const staticField = document.getElementById('token');
if (staticField) {
  staticField.value = token();
  staticField.addEventListener('change', () => setToken(staticField.value));
  staticField.addEventListener('input', () => setToken(staticField.value));
}
