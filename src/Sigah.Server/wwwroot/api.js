// The interactive API page: a form for each operation of the server's own OpenAPI document, sending real requests.
import { api, bindApiKey, send } from './common.js';

const $ = id => document.getElementById(id);
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

async function load() {
  const error = $('api-error');
  error.hidden = true;
  let doc;
  try {
    doc = await api('/openapi/v1.json');
  } catch (e) {
    error.textContent = `The OpenAPI document could not be read: ${e.message}`;
    error.hidden = false;
    $('operations').replaceChildren();
    return;
  }
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter(m => item[m]).map(m => ({ path, method: m.toUpperCase(), operation: item[m], shared: item.parameters ?? [] })));
  $('operations').replaceChildren(...operations.map(o => render(doc, o)));
}

/** One operation: its method, path and summary, opening onto a form that sends it. */
function render(doc, { path, method, operation, shared }) {
  const details = element('details', { className: 'operation' });
  details.dataset.method = method;
  details.dataset.path = path;
  const summary = element('summary');
  summary.append(element('span', { className: 'method', textContent: method }), element('span', { className: 'path', textContent: path }),
    element('span', { className: 'summary', textContent: operation.summary ?? '' }));

  const form = element('form');
  const parameters = [...shared, ...(operation.parameters ?? [])].map(p => resolve(doc, p)).filter(p => p.in === 'path' || p.in === 'query');
  const inputs = parameters.map(p => {
    const input = element('input', { name: p.name, required: Boolean(p.required) });
    input.dataset.in = p.in;
    form.append(labelled(`${p.name} (${p.in}${p.required ? '' : ', optional'})`, input, p.description));
    return input;
  });
  // The server reads some query parameters itself (?rerank=true, ?k= with an npy body), so the document may not list them.
  const extra = element('input', { name: 'query', placeholder: 'e.g. rerank=true' });
  form.append(labelled('Other query parameters', extra));

  const body = bodyFields(doc, operation);
  if (body) form.append(...body.elements);

  const output = element('div', { className: 'response' });
  output.setAttribute('aria-live', 'polite');
  form.append(element('div', {}, element('button', { type: 'submit', textContent: 'Send' })), output);
  form.addEventListener('submit', event => {
    event.preventDefault();
    sendForm(path, method, inputs, extra, body, output);
  });
  details.append(summary, form);
  return details;
}

/** The request body's fields: a JSON text prefilled with an example, or a file for other media types (npy, a model). */
function bodyFields(doc, operation) {
  const content = resolve(doc, operation.requestBody ?? {}).content ?? {};
  const types = Object.keys(content);
  if (!types.length) return null;
  const elements = [];
  const type = element('select', { name: 'content-type' });
  type.append(...types.map(t => new Option(t, t)));
  if (types.length > 1) elements.push(labelled('Body type', type));

  const json = element('textarea', { name: 'body', rows: 6, spellcheck: false });
  const schema = content['application/json']?.schema;
  if (schema) json.value = layOut(example(doc, schema));
  const jsonLabel = labelled('Body (JSON)', json, fieldNotes(doc, schema));
  const file = element('input', { type: 'file', name: 'file' });
  const fileLabel = labelled('Body (a file, sent as it is)', file);
  elements.push(jsonLabel, fileLabel);

  const show = () => {
    const isJson = type.value === 'application/json';
    jsonLabel.hidden = !isJson;
    fileLabel.hidden = isJson;
  };
  type.addEventListener('change', show);
  show();
  return { elements, type, json, file };
}

async function sendForm(path, method, inputs, extra, body, output) {
  const url = new URL(path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(inputs.find(i => i.name === name)?.value ?? '')), location.origin);
  for (const input of inputs) if (input.dataset.in === 'query' && input.value) url.searchParams.append(input.name, input.value);
  for (const [name, value] of new URLSearchParams(extra.value.trim().replace(/^\?/, ''))) url.searchParams.append(name, value);
  const init = { method };
  if (body) {
    init.headers = { 'Content-Type': body.type.value };
    if (body.type.value === 'application/json') init.body = body.json.value;
    else if (body.file.files.length) init.body = body.file.files[0];
    else return showResponse(output, null, 'Choose a file to send first.');
  }
  const start = performance.now();
  try {
    const response = await send(url.pathname + url.search, init);
    const text = await response.text();
    const took = Math.round(performance.now() - start);
    showResponse(output, response, pretty(text), `${took} ms`);
  } catch (e) {
    showResponse(output, null, `The request failed: ${e.message}`);
  }
}

function showResponse(output, response, text, took = '') {
  const status = element('p', { className: 'meta' });
  if (response) {
    output.dataset.status = String(response.status);
    status.textContent = [`${response.status} ${response.statusText}`, response.headers.get('Content-Type'), took].filter(Boolean).join(' · ');
  } else {
    delete output.dataset.status;
  }
  output.replaceChildren(...(response ? [status] : []), element('pre', { textContent: text || '(no body)' }));
}

/** JSON indented for reading; anything else as it came. */
function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * An example value of a schema. Nullable numbers and strings are left out of objects (the server then takes their
 * defaults); arrays hold one item.
 */
function example(doc, schema, depth = 0) {
  const s = resolve(doc, schema);
  const types = [].concat(s.type ?? (s.properties ? 'object' : []));
  if (depth > 6) return null;
  if (types.includes('object')) {
    const value = {};
    for (const [name, property] of Object.entries(s.properties ?? {})) {
      const p = resolve(doc, property);
      const kinds = [].concat(p.type ?? []);
      if (kinds.includes('null') && !kinds.includes('array') && !kinds.includes('object')) continue;
      value[name] = example(doc, p, depth + 1);
    }
    return value;
  }
  if (types.includes('array')) return [example(doc, s.items ?? {}, depth + 1)];
  if (types.includes('integer') || types.includes('number')) return 0;
  if (types.includes('boolean')) return false;
  return types.includes('string') ? '' : null;
}

/** JSON with an object's members one to a line, each value on one line (an example's arrays are short). */
function layOut(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
  return `{\n${Object.entries(value).map(([name, v]) => `  ${JSON.stringify(name)}: ${JSON.stringify(v)}`).join(',\n')}\n}`;
}

/** What each field of a body means, from the schema's descriptions, one field to a line. */
function fieldNotes(doc, schema) {
  if (!schema) return '';
  return Object.entries(resolve(doc, schema).properties ?? {})
    .map(([name, p]) => [name, resolve(doc, p).description])
    .filter(([, description]) => description)
    .map(([name, description]) => `${name}: ${description}`)
    .join('\n');
}

/** A schema, parameter or body, with a local $ref (#/components/…) followed. */
function resolve(doc, value) {
  if (!value?.$ref?.startsWith('#/')) return value ?? {};
  return value.$ref.slice(2).split('/').reduce((node, key) => node?.[key], doc) ?? {};
}

function labelled(text, control, note) {
  const label = element('label', {}, text, control);
  if (note) label.append(element('span', { className: 'hint', textContent: note }));
  return label;
}

function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

bindApiKey($('api-key'), load);
load();
