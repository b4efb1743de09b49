// Shared page helpers. api() fetches JSON from the server, sending the write token on every non-GET request; el()
// builds DOM nodes with text only (never innerHTML): run ids, rule text and values are attacker-controlled.
const TOKEN_KEY = 'coxswain.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export async function api(path, options = {}) {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers = { Accept: 'application/json', ...(options.headers ?? {}) };
  let body = options.body;
  if (method !== 'GET' && method !== 'HEAD') {
    headers['X-Coxswain-Token'] = token();
    if (body !== undefined && typeof body !== 'string') {
      body = JSON.stringify(body);
    }
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { ...options, method, headers, body });
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Error(`${method} ${path} answered ${response.status} with no JSON`);
    }
  }
  if (!response.ok) {
    const error = new Error(data?.error ?? `${method} ${path} answered ${response.status}`);
    error.status = response.status;
    error.body = data;
    throw error;
  }
  return data;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The header's token field: pasted once, kept for the session.
const field = document.getElementById('token');
if (field) {
  field.value = token();
  field.addEventListener('change', () => sessionStorage.setItem(TOKEN_KEY, field.value.trim()));
}
