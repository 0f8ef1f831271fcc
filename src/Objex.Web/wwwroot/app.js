// objex web page: a hash router over the JSON API in docs/web-api.md. No build step, no framework.
// Every string from the dump reaches the page through textContent, never innerHTML: dumped
// strings are arbitrary process memory and must not become markup.
'use strict';

const PAGE = 50;            // references per page on the object view
const INSTANCES_PAGE = 100; // instances per page on a type's page
const MARK_MAX = 200;       // the longest mark name the API accepts
const REFERRER_TYPES = 8;   // referrer types listed by name above the referrers; the rest summed
const MAP_CHILDREN = 60;    // rectangles per treemap level; the rest is one "others" tile

// ---------- small helpers ----------

/** Creates an element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function bytes(n) {
  if (n === null || n === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n, unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return unit === 0 ? `${value} B` : `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}

const count = n => (n === null || n === undefined) ? '–' : Number(n).toLocaleString('en-US');

async function api(path, options) {
  const response = await fetch('/api/' + path, options);
  let body = null;
  try { body = await response.json(); } catch { /* an empty or non-JSON body: reported below */ }
  if (!response.ok) {
    const error = new Error(body && body.error ? body.error : `HTTP ${response.status} for /api/${path}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function showMessage(text) {
  const box = document.getElementById('message');
  box.textContent = text || '';
  box.hidden = !text;
}

/** A link to an object's page showing its label; kind drives the colour as in the REPL. */
function objectLink(summary) {
  if (!summary) return el('span', { class: 'muted' }, '(none)');
  const link = el('a', { href: `#/object/${summary.id}`, class: `obj kind-${(summary.kind || 'instance').toLowerCase()}`, title: summary.typeName }, summary.label);
  return summary.isNew ? [link, newBadge()] : link;
}

/** Marks an object created since the baseline (objex web B --baseline A). */
function newBadge() {
  return el('span', { class: 'badge-new', title: 'new since the baseline: the earlier dump did not have it' }, 'new');
}

function section(title, ...content) {
  return el('section', { class: 'card' }, el('h2', {}, title), ...content);
}

function table(headers, rows, cls) {
  return el('table', { class: cls || '' },
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows));
}

function loading(text) { return el('p', { class: 'muted loading' }, text || 'loading…'); }

/** Fills a placeholder when the promise settles: errors show in place, not as a blank page. */
function fill(placeholder, promise, render) {
  promise.then(data => placeholder.replaceChildren(render(data)))
    .catch(error => placeholder.replaceChildren(el('p', { class: 'error' }, error.message)));
  return placeholder;
}

/**
 * Page controls over `total` rows shown `size` at a time from `offset`: first, previous, a page
 * number to jump to, next, last. `load(offset)` shows another page.
 */
function pager(total, offset, size, load) {
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.floor(offset / size) + 1;
  const jump = el('input', { type: 'number', class: 'page-input', min: 1, max: pages, value: current, 'aria-label': 'page number' });
  const button = (cls, text, disabled, target) =>
    el('button', { type: 'button', class: cls, disabled, onclick: () => load(target) }, text);
  const form = el('form', { class: 'pager' },
    button('first', '« first', current === 1, 0),
    button('prev', '‹ previous', current === 1, Math.max(0, offset - size)),
    el('label', {}, 'page ', jump, ` of ${count(pages)}`),
    el('button', { type: 'submit', class: 'jump' }, 'go'),
    button('next', 'next ›', current >= pages, offset + size),
    button('last', 'last »', current >= pages, (pages - 1) * size));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const wanted = Math.min(Math.max(parseInt(jump.value, 10) || 1, 1), pages);
    load((wanted - 1) * size);
  });
  return form;
}

/** "51–100 of 3,000", or "none". */
function rangeText(offset, shown, total) {
  return total ? `${count(offset + 1)}–${count(offset + shown)} of ${count(total)}` : 'none';
}

// ---------- router ----------

const routes = [
  [/^#?\/?$/, () => homeView()],
  // Ids stay text: Number() rounds 99999999999999999999 to another id before the server can refuse it.
  [/^#\/object\/(\d+)$/, m => objectView(m[1])],
  [/^#\/map\/(root|modules|stacks|heldc|unreachable|shared|\d+)(?:\?from=(\d+))?$/, m => mapView(m[1], m[2] || '0')],
  [/^#\/types(?:\?q=(.*))?$/, m => typesView(decodeParameter(m[1] || ''))],
  [/^#\/type\/(\d+)$/, m => typeView(m[1])],
  [/^#\/marks$/, () => marksView()],
  [/^#\/threads$/, () => threadsView()],
  [/^#\/diff$/, () => diffView()],
];

let currentObjectId = null;

function route() {
  showMessage('');
  const hash = location.hash || '#/';
  currentObjectId = null;
  const view = document.getElementById('view');
  for (const [pattern, render] of routes) {
    const match = hash.match(pattern);
    if (!match) continue;
    // A view that throws (a malformed address) must replace the old page, not leave it standing.
    try { view.replaceChildren(render(match)); } catch (error) { view.replaceChildren(el('p', { class: 'error' }, error.message)); }
    window.scrollTo(0, 0);
    return;
  }
  view.replaceChildren(el('p', { class: 'error' }, `No such page: ${hash}`));
}

/** A %-encoded part of the address, or an error saying which part is malformed (decodeURIComponent's says only "URI malformed"). */
function decodeParameter(text) {
  try { return decodeURIComponent(text); } catch {
    throw new Error(`The address has a malformed %-escape: ${text} (a % must be followed by two hex digits of UTF-8)`);
  }
}

// ---------- home ----------

function homeView() {
  document.title = 'objex';
  const root = el('div', { class: 'home' });
  root.append(fill(el('section', { class: 'card summary', id: 'summary' }, loading()), api('summary'), renderSummary));
  root.append(section('Leak suspects', fill(el('div', { id: 'suspects' }, loading()), api('suspects'), renderSuspects)));
  const lists = el('div', { class: 'columns' },
    section('Top types by retained size',
      fill(el('div', { id: 'top-types' }, loading()), api('types?by=retained&limit=15'), renderTypeTable)),
    section('Largest retainers',
      fill(el('div', { id: 'top-retainers' }, loading()), api('top?by=retained&limit=15&nested=false'), renderTopTable)));
  root.append(lists);
  root.append(section('Retained size map', el('p', { class: 'muted' },
    'The dominator tree: each tile is what one object alone keeps alive. Click a tile to look inside it.'),
    mapPanel('root')));
  return root;
}

function renderSummary(s) {
  return el('div', {},
    el('h1', {}, `Exploring ${s.file}`),
    el('p', {}, `collected from ${s.hostname || '?'} at ${s.timestamp || '?'}`, s.pid ? ` (pid ${s.pid})` : '',
      s.pythonVersion ? `, Python ${s.pythonVersion}` : ''),
    el('p', { class: 'headline' },
      // The REPL banner's figure: the peak RSS, else the RSS when the dump started.
      (s.peakRssBytes ?? s.rssBytes) ? `RSS memory was ${bytes(s.peakRssBytes ?? s.rssBytes)}; ` : '',
      `${bytes(s.objectBytes)}`, s.foundShare != null ? ` (${(s.foundShare * 100).toFixed(1)}%)` : '',
      ` found in ${count(s.objectCount)} python objects`,
      `, ${count(s.referenceCount)} references`),
    renderTotals(s.totals),
    s.rss ? renderRss(s.rss) : null,
    s.platform ? el('p', { class: 'muted' }, s.platform) : null);
}

/** What no module or stack reaches: held from C and garbage, each opening its part of the map; a warning when gc was off. */
function renderTotals(t) {
  const amount = b => `${count(b.objects)} ${b.objects === 1 ? 'object' : 'objects'}, ${bytes(b.bytes)}`;
  const mostly = b => !b.bytes || !b.types.length ? '' : ', mostly ' + b.types
    .filter((type, i) => i === 0 || type.bytes / b.bytes >= 0.05)
    .map(type => `${type.typeName} (${(100 * type.bytes / b.bytes).toFixed(1)}%)`).join(', ');
  return el('div', { class: 'totals' },
    el('p', { id: 'held-from-c' }, el('a', { href: '#/map/heldc' }, 'held from C'), `: ${amount(t.heldFromC)}${mostly(t.heldFromC)}`,
      el('span', { class: 'muted' }, ' (no module or stack reaches them; references the dump could not see hold them)')),
    el('p', { id: 'garbage' }, el('a', { href: '#/map/unreachable' }, 'garbage (unreachable cycles)'), `: ${amount(t.garbage)}${mostly(t.garbage)}`),
    t.gcDisabledWithGarbage ? el('p', { id: 'gc-warning', class: 'warning' },
      `gc was disabled in the program (gc.isenabled() was False, thresholds ${t.gcThresholds || '?'}, counts ${t.gcCounts || '?'}): ${bytes(t.garbage.bytes)} of garbage cycles were never collected`) : null);
}

/** RSS as parts that add up to it (the query layer's breakdown, as `objex summary` prints it), and any advice. */
function renderRss(r) {
  const share = b => r.totalBytes > 0 ? `${(100 * b / r.totalBytes).toFixed(1)}%` : '-';
  const row = (name, b, source, cls) => el('tr', cls ? { class: cls } : {},
    el('td', {}, name), el('td', { class: 'num' }, bytes(b)), el('td', { class: 'num' }, share(b)), el('td', { class: 'muted' }, source || ''));
  return el('div', { class: 'rss' },
    el('table', { id: 'rss', class: 'rss-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'RSS'), el('th', {}, 'bytes'), el('th', {}, 'share'), el('th', {}, 'from'))),
      el('tbody', {}, ...r.parts.map(p => row(p.name, p.bytes, p.source)), row('RSS', r.totalBytes, '', 'total'))),
    ...r.advice.map(a => el('p', { class: 'hint' }, a)));
}

/** The leak suspects first: each in words, linking to its accumulation point, with what accumulates there and where it was allocated. */
function renderSuspects(report) {
  const share = s => `${(100 * s).toFixed(s >= 0.1 ? 0 : 1)}%`;
  if (!report.suspects.length) {
    return el('p', { class: 'muted' },
      `No suspect: nothing retains ${share(report.threshold)} of the heap (${bytes(report.threshold * report.heapBytes)}) or more.`);
  }
  return el('ol', { class: 'suspects' }, ...report.suspects.map((s, i) => el('li', { class: 'suspect' },
    el('p', {}, el('strong', {}, `Suspect ${i + 1}: `), s.description),
    el('p', {}, 'accumulation point: ', objectLink(s.accumulationPoint), ` retains ${bytes(s.retainedBytes)} (${share(s.heapShare)} of the heap)`,
      s.thread ? `, thread ${s.thread.threadName}${s.thread.local ? `, local '${s.thread.local}'` : ''}` : ''),
    s.rootPath ? el('div', { class: 'where' }, renderPath(s.rootPath)) : null,
    el('ul', {}, ...s.accumulated.map(g => el('li', {},
      `${count(g.count)} × `, el('a', { href: `#/type/${g.type.id}`, class: 'obj kind-type' }, g.typeName),
      `, ${bytes(g.retainedBytes)}`, g.pathBelow ? ` via ${g.pathBelow}` : ''))),
    siteLines(s.allocatedAt))));
}

function renderTypeTable(page) {
  if (!page.rows.length) return el('p', { class: 'muted' }, 'no types match');
  return table(['type', 'instances', 'shallow', 'retained'], page.rows.map(t => el('tr', {},
    el('td', {}, el('a', { href: `#/type/${t.type.id}`, class: 'obj kind-type', title: 'instances of this type' }, t.type.label)),
    el('td', { class: 'num' }, count(t.instances)),
    el('td', { class: 'num' }, bytes(t.shallowBytes)),
    el('td', { class: 'num' }, bytes(t.retainedBytes)))), 'types-table');
}

function renderTopTable(page) {
  return table(['object', 'retained', 'size'], page.rows.map(r => el('tr', {},
    el('td', {}, objectLink(r.object), r.path && r.path.steps.length ? el('div', { class: 'where' }, renderPath(r.path)) : null),
    el('td', { class: 'num' }, bytes(r.value)),
    el('td', { class: 'num' }, bytes(r.object.size)))), 'top-table');
}

// ---------- treemap of the dominator tree ----------

/** 1st, 2nd, 3rd, 4th … */
function ordinal(n) {
  const tens = n % 100, ones = n % 10;
  return n + (tens >= 11 && tens <= 13 ? 'th' : ones === 1 ? 'st' : ones === 2 ? 'nd' : ones === 3 ? 'rd' : 'th');
}

function mapView(node, from = '0') {
  document.title = 'objex: retained size map';
  return section('Retained size map', mapPanel(node, from));
}

/** The treemap of one dominator-tree node's children, with a breadcrumb back to the root. */
function mapPanel(node, from = '0') {
  const panel = el('div', { class: 'map-panel' }, loading());
  api(`dominators/${node}?limit=${MAP_CHILDREN}&from=${from}`).then(level => {
    const crumbs = el('nav', { class: 'crumbs' },
      level.chain.map((c, i) => [i ? ' › ' : '', el('a', { href: `#/map/${c.node}` }, c.label)]));
    const box = el('div', { class: 'treemap', id: 'treemap' });
    const legend = el('p', { class: 'muted' },
      level.object
        ? `${level.label} retains ${bytes(level.retained)}; it alone keeps ${count(level.childCount)} ${level.childCount === 1 ? 'object' : 'objects'} alive directly`
        : `${level.label}: ${bytes(level.retained)}; the tiles are the largest objects no other object keeps alive`,
      level.from > 0 ? ` · the rest of it: its children of smaller types, from the ${ordinal(level.from + 1)} type on` : '',
      level.object ? [' · ', el('a', { href: `#/object/${level.object.id}` }, 'open this object')] : '');
    panel.replaceChildren(crumbs, legend, box);
    // Layout needs the box's real size, known once it is in the document.
    requestAnimationFrame(() => drawTreemap(box, level));
  }).catch(error => panel.replaceChildren(el('p', { class: 'error' }, error.message)));
  return panel;
}

function drawTreemap(box, level) {
  const width = box.clientWidth || 800, height = box.clientHeight || 420;
  const items = level.children.filter(c => c.retained > 0).map(c => ({ ...c, weight: c.retained, href: c.hasChildren ? `#/map/${c.node}` : null }));
  const smallest = items.length ? items[items.length - 1].retained : 0;
  // Children too small to see one by one, counted by type: the tile leads to the type's instances.
  for (const g of level.groups.filter(g => g.retained > 0)) {
    items.push({ label: `${count(g.count)} × ${g.typeName}`, typeName: g.typeName, retained: g.retained, weight: g.retained, group: true,
      href: `#/type/${g.type.id}`, hint: `${count(g.count)} ${g.typeName} objects this node alone keeps alive; click for every instance of the type` });
  }
  if (level.othersRetained > 0) {
    // The rest opens like any tile when it holds children of more types: the next page of this level's types.
    const more = level.nextFrom !== null && level.nextFrom !== undefined;
    const rest = level.othersCount <= 0 ? (level.object ? 'its own size' : 'the rest')
      : smallest ? `${count(level.othersCount)} more, each ≤ ${bytes(smallest)}` : `${count(level.othersCount)} more`;
    items.push({ label: rest, retained: level.othersRetained, weight: level.othersRetained, others: true,
      href: more ? `#/map/${level.node}?from=${level.nextFrom}` : null,
      hint: more ? 'children of smaller types: click to see them' : null });
  }
  if (!items.length) { box.replaceWith(el('p', { class: 'muted' }, 'keeps nothing else alive')); return; }
  for (const rect of squarify(items, { x: 0, y: 0, w: width, h: height })) {
    const item = rect.item;
    const kind = item.others ? 'others' : item.group ? 'group' : `kind-${(item.kind || 'virtual').toLowerCase()}`;
    const tile = el(item.href ? 'a' : 'div', {
      class: `tile ${kind}`,
      href: item.href,
      title: [item.label, item.path && item.path.text, `${bytes(item.retained)} retained`, item.hint || (item.hasChildren ? 'click to look inside' : null)].filter(Boolean).join('\n'),
    });
    // CSSOM, not a style attribute: the page's Content-Security-Policy forbids inline styles.
    Object.assign(tile.style, {
      left: `${rect.x}px`, top: `${rect.y}px`, backgroundColor: tileColour(item),
      width: `${Math.max(rect.w - 2, 0)}px`, height: `${Math.max(rect.h - 2, 0)}px`,
    });
    if (rect.w > 50 && rect.h > 18) tile.append(el('span', { class: 'tile-label' }, item.label), el('span', { class: 'tile-size' }, bytes(item.retained)));
    // Where it lives, when the tile has room for a third line: the path's edges, the root in the tooltip.
    if (rect.w > 50 && rect.h > 44 && item.path && item.path.suffix) tile.append(el('span', { class: 'tile-path' }, item.path.suffix));
    if (!item.href && item.object) tile.addEventListener('click', () => { location.hash = `#/object/${item.object.id}`; });
    box.append(tile);
  }
}

function tileColour(item) {
  if (item.others) return '#d8d8d8';
  let h = 0;
  for (const ch of item.typeName || item.label) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${h % 360}, 45%, 72%)`;
}

/**
 * Squarified treemap (Bruls, Huizing, van Wijk 2000): lays rows along the shorter side, adding an item
 * to the row while that does not worsen the worst aspect ratio. O(n) for items sorted by weight.
 */
function squarify(items, frame) {
  const sorted = [...items].sort((a, b) => b.weight - a.weight);
  const total = sorted.reduce((sum, i) => sum + i.weight, 0);
  const scale = (frame.w * frame.h) / total;
  const out = [];
  let { x, y, w, h } = frame;
  let row = [];
  const worst = (row, side) => {
    const areas = row.map(i => i.weight * scale);
    const sum = areas.reduce((a, b) => a + b, 0);
    const max = Math.max(...areas), min = Math.min(...areas);
    return Math.max((side * side * max) / (sum * sum), (sum * sum) / (side * side * min));
  };
  const layRow = () => {
    const sum = row.reduce((a, i) => a + i.weight * scale, 0);
    if (w >= h) {   // a column on the left
      const cw = sum / h;
      let cy = y;
      for (const i of row) { const ch = (i.weight * scale) / cw; out.push({ item: i, x, y: cy, w: cw, h: ch }); cy += ch; }
      x += cw; w -= cw;
    } else {        // a row on top
      const rh = sum / w;
      let cx = x;
      for (const i of row) { const cw = (i.weight * scale) / rh; out.push({ item: i, x: cx, y, w: cw, h: rh }); cx += cw; }
      y += rh; h -= rh;
    }
    row = [];
  };
  for (const item of sorted) {
    const side = Math.min(w, h);
    if (row.length && worst([...row, item], side) > worst(row, side)) layRow();
    row.push(item);
  }
  if (row.length) layRow();
  return out;
}

// ---------- object page ----------

function objectView(id) {
  currentObjectId = id;
  const root = el('div', { class: 'object' }, loading());
  api(`objects/${id}`).then(o => {
    document.title = `objex: ${o.label}`;
    const parts = [
      el('h1', {}, el('span', { class: `obj kind-${o.kind.toLowerCase()}`, id: 'object-label', title: o.label }, o.label),
        o.isNew ? el('span', { class: 'badge-new', id: 'new-badge', title: 'new since the baseline: the earlier dump did not have it' }, 'new') : null),
      renderFacts(o),
      el('div', { class: 'columns' },
        section('Kept alive by', fill(el('div', { id: 'dominators' }, loading()), api(`objects/${id}/retained?limit=20`), renderDominators)),
        section('Paths from the nearest roots',
          el('h3', {}, 'from modules'),
          fill(el('div', { id: 'module-paths' }, loading()), api(`objects/${id}/paths?from=modules`), renderPaths),
          el('h3', {}, 'from frames'),
          fill(el('div', { id: 'frame-paths' }, loading()), api(`objects/${id}/paths?from=frames`), renderPaths))),
      el('div', { class: 'columns' },
        section('References out', referencePager(id, 'out')),
        section('References in',
          fill(el('div', { id: 'referrer-types' }, loading()), api(`objects/${id}/in/types`), renderReferrerTypes),
          referencePager(id, 'in'))),
    ];
    if (o.kind === 'Frame') parts.splice(2, 0, section('Stack', fill(el('div', { id: 'stack' }, loading()), api(`objects/${id}/stack`), renderStack)));
    root.replaceChildren(...parts);
  }).catch(error => root.replaceChildren(el('p', { class: 'error' }, error.message)));
  return root;
}

function renderFacts(o) {
  const rows = [
    ['type', el('a', { href: `#/type/${o.typeId}`, class: 'obj kind-type' }, o.typeName)],
    ['value', o.value === null || o.value === undefined ? null : el('code', { class: 'value' }, o.value)],
    ['size', bytes(o.size)],
    ['retained', o.retained === null ? '–' : [bytes(o.retained), ' ', el('a', { href: `#/map/${o.id}`, class: 'small' }, 'map')]],
    ['refcount', o.immortal ? 'immortal' : count(o.refcount)],
    ['unseen', o.unseenReferences > 0
      ? `${count(o.unseenReferences)} ${o.unseenReferences === 1 ? 'reference' : 'references'} the dump could not see (held from C)` : null],
    ['len', o.length === null ? null : count(o.length)],
    ['allocated', o.allocatedAt ? el('code', { class: 'site' }, o.allocatedAt) : null],
    ['address', o.address ? '0x' + Number(o.address).toString(16) : null],
  ].filter(([, v]) => v !== null && v !== undefined);
  rows.push(['mark', markCell(o)]);
  return el('section', { class: 'card facts' }, table(['', ''], rows.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', { class: `fact-${k}` }, v))), 'facts-table'));
}

/**
 * The object's marks, each on its own, and the form that adds one. The page is redrawn after a mark
 * is set (the heading's label carries it), so the confirmation is shown after the redraw.
 */
function markCell(o) {
  const input = el('input', { id: 'mark-input', placeholder: o.marks.length ? 'add another mark' : 'mark name', maxlength: MARK_MAX, 'aria-label': 'mark name' });
  const form = el('form', { id: 'mark-form', class: 'mark-form' }, input, el('button', { type: 'submit' }, 'Set mark'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const name = input.value.trim();
    if (!name) { showMessage('type a mark name first'); return; }
    api('marks', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: o.id, mark: name }) })
      .then(() => { route(); showMessage(`marked object #${o.id} as {${name}}`); })
      .catch(error => showMessage(error.message));
  });
  return el('div', { class: 'marks' },
    o.marks.map(mark => el('span', { class: 'mark-chip', title: mark }, mark)),
    form);
}

/** The query layer's "root" is the super-root: more than one kind of root (modules, stacks) reaches it. */
const rootText = description => description === 'root' ? 'both modules and thread stacks reach it' : description;

function renderDominators(d) {
  const dominator = o => el('li', {}, objectLink(o), el('span', { class: 'muted' }, ' ' + bytes(o.retained)));
  const chain = el('ol', { class: 'chain' }, d.keptAliveBy.map(dominator));
  if (d.skipped > 0) chain.append(chainElision(d, dominator), ...d.topmost.map(dominator));
  return el('div', {},
    el('p', {}, `Retains ${bytes(d.retainedBytes)}. `, d.keptAliveBy.length
      ? 'Every path from a root passes through these, nearest first:'
      : `No single object keeps it alive: ${rootText(d.rootDescription)}.`),
    d.keptAliveBy.length ? chain : null,
    d.keptAliveBy.length ? el('p', { class: 'muted' }, `top of the chain: ${rootText(d.rootDescription)}`) : null,
    el('h3', {}, `Biggest of the ${count(d.keptCount)} objects it keeps alive directly`),
    d.largestKept.length
      ? table(['object', 'retained'], d.largestKept.map(o => el('tr', {}, el('td', {}, objectLink(o)), el('td', { class: 'num' }, bytes(o.retained)))), 'kept-table')
      : el('p', { class: 'muted' }, 'nothing else'));
}

/** A root path as clickable steps: the root, then each edge linking to the object it reaches. */
function renderPath(path) {
  const line = el('div', { class: 'path' }, objectLink(path.root));
  const edge = step => el('a', { href: `#/object/${step.to}`, class: 'edge', title: `object #${step.to}` }, step.edge);
  // The elision sits between the path's first and last references, as many at each end.
  for (const step of path.steps) {
    line.append(step.skipped
      ? elision(step, (path.length - step.skipped) / 2, path.root.kind === 'Frame' ? 'frames' : 'modules', edge)
      : edge(step));
  }
  return line;
}

const PATH_PAGE = 200;  // references fetched per click on a long path's "… N steps …"

/**
 * The middle a long path leaves out, as a button: each click fetches the next page of the nearest root's path to
 * the object the elision leads to (whose path is this one's beginning) and shows it in place.
 */
function elision(step, offset, from, edge) {
  let left = step.skipped;
  const button = el('button', { type: 'button', class: 'elision', title: 'show the next steps' }, step.edge);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const limit = Math.min(PATH_PAGE, left);
      const page = await api(`objects/${step.to}/paths/steps?from=${from}&offset=${offset}&limit=${limit}`);
      for (const s of page.steps) button.before(edge(s));
      const read = Math.min(limit, page.length - offset);  // references: a folded `.__dict__['x']` step is two
      offset += read;
      left -= read;
      if (left <= 0 || read <= 0) button.remove();
      else button.textContent = `… ${count(left)} steps …`;
    } catch (error) {
      showMessage(error.message);
    }
    button.disabled = false;
  });
  return button;
}

/** The middle a long dominator chain leaves out, as a button that reads it by page in place (GET …/retained/chain). */
function chainElision(d, dominator) {
  let offset = d.keptAliveBy.length;
  let left = d.skipped;
  const button = el('button', { type: 'button', class: 'elision', title: 'show the next dominators' }, `… ${count(left)} more …`);
  const item = el('li', { class: 'elided' }, button);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const page = await api(`objects/${d.object.id}/retained/chain?offset=${offset}&limit=${Math.min(PATH_PAGE, left)}`);
      item.before(...page.rows.map(dominator));
      offset += page.rows.length;
      left -= page.rows.length;
      if (left <= 0 || !page.rows.length) item.remove();
      else button.textContent = `… ${count(left)} more …`;
    } catch (error) {
      showMessage(error.message);
    }
    button.disabled = false;
  });
  return item;
}

function renderPaths(set) {
  if (!set.paths.length) return el('p', { class: 'muted' }, set.complete ? 'none reach it' : 'none found within the search budget');
  return el('div', {},
    el('ol', { class: 'paths' }, set.paths.map(p => el('li', {}, renderPath(p)))),
    set.complete ? null : el('p', { class: 'muted' }, 'the search stopped at its budget: there may be more'));
}

function renderStack(stack) {
  if (!stack.frames.length) return el('p', { class: 'muted' }, 'no frames');
  return el('ol', { class: 'stack' }, stack.frames.map(f => el('li', { class: f.isCurrent ? 'current' : '' },
    objectLink(f.frame), el('pre', {}, f.trace))));
}

/** "who refers to it, by type": a line when there is one type, a short table (the largest few) otherwise. */
function renderReferrerTypes(counts) {
  if (counts.rows.length < 2) return el('span');
  const shown = counts.rows.slice(0, REFERRER_TYPES);
  const rest = counts.rows.slice(REFERRER_TYPES).reduce((sum, r) => sum + r.count, 0);
  return el('div', {},
    table(['referrers by type', 'count'], [
      ...shown.map(r => el('tr', {},
        el('td', {}, el('a', { href: `#/type/${r.type.id}`, class: 'obj kind-type', title: 'every instance of this type' }, r.type.label)),
        el('td', { class: 'num' }, count(r.count)))),
      rest ? el('tr', {}, el('td', { class: 'muted' }, `${count(counts.rows.length - shown.length)} other types`), el('td', { class: 'num' }, count(rest))) : null,
    ], 'referrer-types-table'));
}

/** In or out references, a page at a time; each row links to the object at the other end. */
function referencePager(id, direction) {
  const holder = el('div', { id: `refs-${direction}` });
  const load = offset => {
    holder.replaceChildren(loading());
    api(`objects/${id}/${direction}?offset=${offset}&limit=${PAGE}`).then(page => {
      const rows = page.rows.map(r => el('tr', { class: r.kind === 'Weak' ? 'weak' : '' },
        direction === 'out'
          ? [el('td', { class: 'edge' }, r.edge), el('td', {}, objectLink(r.other))]
          : [el('td', {}, objectLink(r.other)), el('td', { class: 'edge' }, r.edge)],
        el('td', { class: 'num' }, bytes(r.other.size)),
        el('td', { class: 'muted nowrap', title: r.kind === 'NotOnRootPath' ? 'a strong reference that is never part of a root path (a frame\'s globals or builtins)' : null }, r.kind === 'Strong' ? '' : r.kind === 'Weak' ? 'weak' : 'no root path')));
      holder.replaceChildren(...[
        el('p', { class: 'range' }, rangeText(offset, page.rows.length, page.total)),
        page.total ? table(direction === 'out' ? ['edge', 'object', 'size', ''] : ['object', 'edge', 'size', ''], rows, 'refs-table') : null,
        page.total > PAGE ? pager(page.total, offset, PAGE, load) : null,
      ].filter(Boolean));
    }).catch(error => holder.replaceChildren(el('p', { class: 'error' }, error.message)));
  };
  load(0);
  return holder;
}

// ---------- types, marks, threads ----------

function typesView(q) {
  document.title = `objex: types ${q}`;
  document.getElementById('type-input').value = q;
  return section(q ? `Types matching “${q}”` : 'All types',
    fill(el('div', { id: 'type-results' }, loading()), api(`types?q=${encodeURIComponent(q)}&by=retained&limit=100`), renderTypeTable));
}

function typeView(typeId) {
  const root = el('div', {}, loading());
  const load = offset => api(`types/${typeId}/instances?offset=${offset}&limit=${INSTANCES_PAGE}`).then(page => {
    document.title = `objex: ${page.type.type.label}`;
    root.replaceChildren(section(`Instances of ${page.type.type.label}`,
      el('p', {}, `${count(page.type.instances)} instances, ${bytes(page.type.shallowBytes)} shallow, ${bytes(page.type.retainedBytes)} retained `,
        el('a', { href: `#/object/${typeId}` }, 'the type object')),
      held,
      el('p', { class: 'muted', id: 'instances-range' }, rangeText(page.offset, page.rows.length, page.total),
        page.total ? ', largest retained first' : ''),
      page.rows.length
        ? table(['#', 'instance', 'size', 'retained'], page.rows.map((o, i) => el('tr', {},
          el('td', { class: 'num muted' }, count(page.offset + i + 1)), el('td', {}, objectLink(o)),
          el('td', { class: 'num' }, bytes(o.size)), el('td', { class: 'num' }, bytes(o.retained)))), 'instances-table')
        : el('p', { class: 'muted' }, page.total ? 'no instances on this page' : 'no instances'),
      page.total > INSTANCES_PAGE ? pager(page.total, page.offset, INSTANCES_PAGE, load) : null));
  }).catch(error => root.replaceChildren(el('p', { class: 'error' }, error.message)));
  // Above the instances (where they are held is the summary), loaded once: paging does not change it.
  const held = el('div', { class: 'instance-paths' }, el('h3', {}, 'where they are held'),
    fill(el('div', { id: 'instance-paths' }, loading()), api(`types/${typeId}/paths`), renderInstancePaths));
  load(0);
  return root;
}

/** Merged root paths: "3,000 of 3,500 via <module store>.ROOM_HISTORY[*][*]", each with a link to one of them. */
function renderInstancePaths(merged) {
  if (!merged.total) return el('p', { class: 'muted' }, 'no instances');
  const rest = merged.otherGroups
    ? el('p', { class: 'muted', id: 'instance-paths-rest' }, `${count(merged.otherCount)} more held in ${count(merged.otherGroups)} other ways`)
    : null;
  return el('div', {},
    el('p', { class: 'muted' }, 'their paths from the nearest module (else frame), indexes and keys merged as [*]'),
    table(['instances', 'held via', 'shallow', 'retained', 'one of them'], merged.groups.map(g => el('tr', {},
      el('td', { class: 'num' }, `${count(g.count)} of ${count(merged.total)}`),
      el('td', {}, el('code', { class: 'merged-path' }, g.path.text)),
      el('td', { class: 'num' }, bytes(g.shallowBytes)),
      el('td', { class: 'num' }, bytes(g.retainedBytes)),
      el('td', {}, objectLink(g.sample)))), 'instance-paths-table'),
    rest);
}

function marksView() {
  document.title = 'objex: marks';
  return section('Marks', fill(el('div', { id: 'marks' }, loading()), api('marks'), marks => marks.length
    ? table(['mark', 'object'], marks.map(m => el('tr', {},
      el('td', {}, el('span', { class: 'clamp', title: m.mark }, m.mark)), el('td', {}, objectLink(m.object)))), 'marks-table')
    : el('p', { class: 'muted' }, 'No marks yet: open an object and use "Set mark".')));
}

function threadsView() {
  document.title = 'objex: threads';
  return section('Threads', fill(el('div', { id: 'threads' }, loading()), api('threads'), threads => threads.length
    ? el('div', {}, threads.map(t => el('div', { class: 'thread' },
      el('h3', {}, `${t.name || 'thread'} (ident ${t.threadId})${t.isMain ? ' — main' : ''}`),
      renderStack({ frames: t.frames }))))
    : el('p', { class: 'muted' }, 'the dump recorded no threads')));
}

// ---------- comparison with a baseline ----------

const signed = (n, format) => (n < 0 ? '-' : '+') + format(Math.abs(n));

/** What grew since the baseline (objex diff A B): the growth list, each entry linking to its holder, then the types. */
function diffView() {
  document.title = 'objex: what grew';
  return section('What grew since the baseline', fill(el('div', { id: 'diff' }, loading()), api('diff?limit=50&types=100'), renderDiff));
}

/** Where a growth entry's new objects were allocated (the heap traced with tracemalloc): one line per site, or nothing. */
function siteLines(allocatedAt) {
  if (!allocatedAt) return null;
  return allocatedAt.sites.map(s => el('div', { class: 'muted site-line' }, 'allocated at ',
    el('code', { class: 'site' }, siteText(s.site)), ` (${count(s.objects)} of ${count(allocatedAt.objects)})`));
}

/** An allocation site as the CLI prints it: app/cache.py:88 in remember. */
function siteText(site) {
  return `${site.file}:${site.line}${site.function ? ' in ' + site.function : ''}`;
}

function renderDiff(d) {
  if (!d.hasBaseline) return el('p', { class: 'muted', id: 'no-baseline' }, `Nothing to compare with: ${d.hint}.`);
  const side = (name, s) => el('p', {}, el('strong', {}, `${name}: `),
    `${s.dumpFile} of pid ${s.pid} at ${s.timestamp}`, s.rssBytes != null ? `, RSS ${bytes(s.rssBytes)}` : '',
    `, ${count(s.objects)} objects, ${bytes(s.shallowBytes)}`);
  const rss = d.a.rssBytes != null && d.b.rssBytes != null ? `, RSS ${signed(d.b.rssBytes - d.a.rssBytes, bytes)}` : '';
  const growth = d.growth.length
    ? table(['', 'objects', 'type', 'retained', 'place', 'held by', 'one of them'], d.growth.map((g, i) => el('tr', {},
      el('td', { class: 'num muted' }, count(i + 1)),
      el('td', { class: 'num' }, signed(g.entry.countDelta, count)),
      el('td', {}, g.entry.typeName),
      el('td', { class: 'num' }, signed(g.entry.retainedDelta, bytes)),
      el('td', {}, el('code', { class: 'merged-path' }, g.entry.path.text), siteLines(g.entry.allocatedAt)),
      el('td', {}, g.holder ? objectLink(g.holder) : el('span', { class: 'muted' }, '(a root)')),
      el('td', {}, objectLink(g.sample)))), 'growth-table')
    : el('p', { class: 'muted' }, 'Nothing accumulated: no place holds more objects of a type than in A.');
  const types = table(['type', 'count A', 'count B', 'new', 'freed', 'count Δ', 'bytes Δ', 'retained Δ'], d.types.map(t => el('tr', {},
    el('td', {}, t.typeName),
    el('td', { class: 'num' }, count(t.countA)),
    el('td', { class: 'num' }, count(t.countB)),
    el('td', { class: 'num' }, count(t.newObjects)),
    el('td', { class: 'num' }, count(t.freedObjects)),
    el('td', { class: 'num' }, signed(t.countDelta, count)),
    el('td', { class: 'num' }, signed(t.bytesDelta, bytes)),
    el('td', { class: 'num' }, signed(t.retainedDelta, bytes)))), 'diff-types-table');
  const more = (shown, total, what) => total > shown ? el('p', { class: 'muted' }, `… and ${count(total - shown)} more ${what} (objex diff A B --json lists them all)`) : null;
  return el('div', {},
    side('A', d.a), side('B', d.b),
    el('p', { class: 'headline' }, `growth: ${signed(d.objectDelta, count)} objects, ${signed(d.shallowDelta, bytes)} in Python objects${rss}; `,
      `${count(d.newObjects)} objects are new since A (marked `, newBadge(), ')'),
    el('h3', {}, 'Objects of one type at one place, most retained growth first'),
    growth, more(d.growth.length, d.growthTotal, 'places'),
    el('h3', {}, 'Per type, largest growth of their own bytes first'),
    types, more(d.types.length, d.typeTotal, 'types'));
}

// ---------- header actions ----------

function goTo(target) {
  const from = currentObjectId === null ? '' : `&from=${currentObjectId}`;
  api(`go?target=${encodeURIComponent(target)}${from}`)
    .then(o => { location.hash = `#/object/${o.id}`; })
    .catch(error => showMessage(error.message));
}

document.getElementById('go-form').addEventListener('submit', event => {
  event.preventDefault();
  const target = document.getElementById('go-input').value.trim();
  if (target) goTo(target);
});
document.getElementById('type-form').addEventListener('submit', event => {
  event.preventDefault();
  location.hash = `#/types?q=${encodeURIComponent(document.getElementById('type-input').value.trim())}`;
});
document.getElementById('random-button').addEventListener('click', () => goTo('random'));
// "/" jumps to the go box, as in many explorers; typing in a field is left alone.
document.addEventListener('keydown', event => {
  if (event.key === '/' && !['INPUT', 'TEXTAREA'].includes(document.activeElement.tagName)) {
    event.preventDefault();
    document.getElementById('go-input').focus();
  }
});
window.addEventListener('hashchange', route);
route();
