// What both pages share: the API key and requests that carry it.

// sessionStorage, not localStorage: the key is forgotten with the tab rather than left on the machine.
const KEY_STORAGE = 'sigah.apiKey';

/** Fills the API-key input from this tab's storage and keeps it there; calls onChange once a new key is entered. */
export function bindApiKey(input, onChange) {
  input.value = sessionStorage.getItem(KEY_STORAGE) ?? '';
  // Stored on every keystroke, so a request sent before the input loses focus already carries the new key.
  input.addEventListener('input', () => {
    const key = input.value.trim();
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  });
  input.addEventListener('change', onChange);
}

/** fetch, with `Authorization: Bearer KEY` when an API key is given. */
export function send(path, init = {}) {
  const headers = new Headers(init.headers);
  const key = sessionStorage.getItem(KEY_STORAGE);
  if (key) headers.set('Authorization', `Bearer ${key}`);
  return fetch(path, { ...init, headers });
}

/** A refused request: the HTTP status and the problem's detail (application/problem+json). */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** The JSON answer to a request; an error status is thrown as an ApiError. */
export async function api(path, init) {
  const response = await send(path, init);
  const isJson = /json/.test(response.headers.get('Content-Type') ?? '');
  const body = isJson ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, body?.detail ?? `${response.status} ${response.statusText}`);
  return body;
}

/** A byte count for people: 1.5 MiB. */
export function formatBytes(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
