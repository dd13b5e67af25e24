// The web page: the collections, and a playground that searches one or two of them with the same query, side by side.
import { api, bindApiKey, formatBytes } from './common.js';

const $ = id => document.getElementById(id);

// Vectors of this many values are drawn as square grayscale images (Fashion-MNIST, MNIST: 28 × 28).
const IMAGE_SIDE = 28;
const IMAGE_VALUES = IMAGE_SIDE * IMAGE_SIDE;

/** The last answer of GET /collections, by name. */
let collections = new Map();

async function loadCollections() {
  const error = $('collections-error');
  error.hidden = true;
  try {
    collections = new Map((await api('/collections')).collections.map(c => [c.name, c]));
  } catch (e) {
    collections = new Map();
    showProblem(error, e);
  }
  renderCollections();
  fillChoices();
}

function renderCollections() {
  const rows = [...collections.values()].map(c => {
    const row = document.createElement('tr');
    row.dataset.name = c.name;
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = c.name;
    row.append(name,
      cell(c.method), cell(c.bits, true), cell(c.dimension, true), cell(c.count, true), cell(c.rerank ? 'yes' : 'no'),
      cell(c.deleted, true), cell(c.segments, true),
      cell(formatBytes(c.memoryBytes), true, `${c.memoryBytes} bytes`), cell(formatBytes(c.diskBytes), true, `${c.diskBytes} bytes`));
    return row;
  });
  $('collections').tBodies[0].replaceChildren(...rows);
  $('no-collections').hidden = collections.size > 0;
}

function cell(text, numeric = false, title = '') {
  const td = document.createElement('td');
  td.textContent = String(text);
  if (numeric) td.className = 'num';
  if (title) td.title = title;
  return td;
}

/** Lists the collections in both choices, keeping what was chosen; until then, the first two collections. */
function fillChoices() {
  const names = [...collections.keys()];
  const [first, second] = [$('collection-a'), $('collection-b')];
  const keepA = collections.has(first.value) ? first.value : names[0] ?? '';
  // Until collections were listed the second choice held only '(none)': nobody chose it, so default to the second collection.
  const keepB = collections.has(second.value) ? second.value : second.options.length > 1 ? '' : names[1] ?? '';
  first.replaceChildren(...names.map(n => new Option(n, n)));
  second.replaceChildren(new Option('(none)', ''), ...names.map(n => new Option(n, n)));
  first.value = keepA;
  second.value = keepB;
}

/** The query the form asks for: a stored vector read from a collection that keeps vectors, or the pasted one. */
async function readQuery(chosen) {
  if ($('source-pasted').checked) return parseVector($('query-vector').value);
  const id = $('query-id').value.trim();
  if (!/^\d+$/.test(id)) throw new Error('The id must be a whole number.');
  const keeper = chosen.find(c => c.rerank);
  if (!keeper) throw new Error('A stored vector can only be read from a collection that keeps vectors (created with ?rerank=true): paste one instead.');
  return (await api(`/collections/${encodeURIComponent(keeper.name)}/vectors/${id}`)).vector;
}

/** A pasted vector: a JSON array (or a request's [[…]]), or numbers separated by spaces or commas. */
function parseVector(text) {
  const trimmed = text.trim();
  if (!trimmed) throw new Error('Paste a vector first.');
  let values;
  if (trimmed.startsWith('[')) {
    try {
      values = JSON.parse(trimmed);
    } catch {
      throw new Error('The pasted vector is not valid JSON.');
    }
    if (Array.isArray(values) && values.length === 1 && Array.isArray(values[0])) values = values[0];
  } else {
    values = trimmed.split(/[\s,]+/).map(Number);
  }
  if (!Array.isArray(values) || !values.every(v => typeof v === 'number' && Number.isFinite(v)))
    throw new Error('The pasted vector must hold finite numbers only.');
  // Its length is left to the server to check, against each collection's dimension.
  return values;
}

/** A whole number from an input, or an error naming its label. */
function wholeNumber(input, name) {
  const value = Number(input.value);
  if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number.`);
  return value;
}

async function search(event) {
  event.preventDefault();
  const results = $('results');
  const error = $('search-error');
  const button = $('search-button');
  error.hidden = true;
  $('query').hidden = true;
  results.replaceChildren();
  results.dataset.state = 'busy';
  button.disabled = true;
  try {
    const names = [...new Set([$('collection-a').value, $('collection-b').value].filter(Boolean))];
    const chosen = names.map(n => collections.get(n));
    if (!chosen.length) throw new Error('Choose a collection first.');
    const k = wholeNumber($('k'), 'k');
    const rerank = wholeNumber($('rerank'), 'Re-rank');
    const query = await readQuery(chosen);
    if (query.length === IMAGE_VALUES) {
      draw($('query-canvas'), query);
      $('query').hidden = false;
    }
    const sides = chosen.map(c => side(c));
    results.replaceChildren(...sides.map(s => s.element));
    await Promise.all(sides.map(s => s.fill(query, k, rerank)));
    results.dataset.state = 'done';
  } catch (e) {
    showProblem(error, e);
    results.dataset.state = 'error';
  } finally {
    button.disabled = false;
  }
}

/** One collection's column of results: its element, and fill() to search it and show the neighbours. */
function side(collection) {
  const element = document.createElement('section');
  element.className = 'side';
  element.dataset.collection = collection.name;
  const title = document.createElement('h3');
  title.textContent = collection.name;
  const meta = document.createElement('p');
  meta.className = 'meta';
  meta.textContent = `${collection.method}, ${collection.bits} bits, ${collection.count} vectors`;
  element.append(title, meta);

  async function fill(query, k, rerank) {
    try {
      const start = performance.now();
      const answer = await api(`/collections/${encodeURIComponent(collection.name)}/search`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ vectors: [query], k, rerank }),
      });
      meta.textContent += `, answered in ${Math.round(performance.now() - start)} ms`;
      const images = collection.dimension === IMAGE_VALUES && collection.rerank;
      element.append(neighbours(answer.ids[0], answer.distances[0], rerank > 0 ? 'squared L2' : 'Hamming', images));
      if (images) await Promise.all([...element.querySelectorAll('canvas[data-id]')].map(c => drawStored(collection.name, c)));
      else if (collection.dimension === IMAGE_VALUES) element.append(hint('No images: this collection keeps no vectors.'));
      element.dataset.state = 'done';
    } catch (e) {
      const problem = document.createElement('p');
      problem.className = 'problem';
      problem.setAttribute('role', 'alert');
      element.append(problem);
      showProblem(problem, e);
      element.dataset.state = 'error';
    }
  }

  return { element, fill };
}

function neighbours(ids, distances, distanceName, images) {
  const table = document.createElement('table');
  table.className = 'neighbours';
  const head = table.createTHead().insertRow();
  for (const label of ['#', ...(images ? ['Image'] : []), 'Id', `Distance (${distanceName})`]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    if (label.startsWith('Distance')) th.className = 'num';
    head.append(th);
  }
  const body = table.createTBody();
  ids.forEach((id, i) => {
    const row = body.insertRow();
    row.className = 'neighbour';
    row.dataset.id = String(id);
    row.dataset.distance = String(distances[i]);
    row.insertCell().textContent = String(i + 1);
    if (images) {
      const canvas = document.createElement('canvas');
      canvas.className = 'digit';
      canvas.width = canvas.height = IMAGE_SIDE;
      canvas.dataset.id = String(id);
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `Vector ${id} as an image`);
      row.insertCell().append(canvas);
    }
    row.insertCell().textContent = String(id);
    const distance = row.insertCell();
    distance.className = 'num';
    distance.textContent = Number.isInteger(distances[i]) ? String(distances[i]) : distances[i].toPrecision(6);
  });
  return table;
}

/** Draws the stored vector of the canvas' id; one that cannot be read (deleted meanwhile) stays blank, with the reason. */
async function drawStored(name, canvas) {
  try {
    draw(canvas, (await api(`/collections/${encodeURIComponent(name)}/vectors/${canvas.dataset.id}`)).vector);
    canvas.dataset.drawn = 'true';
  } catch (e) {
    canvas.title = e.message;
  }
}

/**
 * Draws a vector of 784 values as a 28 × 28 grayscale image. When no value is above 1 the values are taken as
 * intensities in [0, 1], clamped, so a faint image looks faint and images can be compared with one another; otherwise
 * (raw bytes, standardised data) they are stretched between the vector's own minimum and maximum.
 */
function draw(canvas, vector) {
  const min = Math.min(...vector);
  const max = Math.max(...vector);
  const level = max <= 1 ? v => Math.min(Math.max(v, 0), 1) : v => (max > min ? (v - min) / (max - min) : 0);
  const context = canvas.getContext('2d');
  const image = context.createImageData(IMAGE_SIDE, IMAGE_SIDE);
  vector.forEach((v, i) => {
    const grey = Math.round(level(v) * 255);
    image.data.set([grey, grey, grey, 255], i * 4);
  });
  context.putImageData(image, 0, 0);
}

function hint(text) {
  const p = document.createElement('p');
  p.className = 'hint';
  p.textContent = text;
  return p;
}

function showProblem(element, error) {
  element.textContent = error.message;
  element.hidden = false;
}

function showSource() {
  const pasted = $('source-pasted').checked;
  $('by-id').hidden = pasted;
  $('by-paste').hidden = !pasted;
}

bindApiKey($('api-key'), loadCollections);
$('refresh').addEventListener('click', loadCollections);
$('search-form').addEventListener('submit', search);
for (const radio of document.querySelectorAll('input[name="source"]')) radio.addEventListener('change', showSource);
showSource();
loadCollections();
