// The playground page: the article on the left, each line colored by what it
// became (from the server's explain ledger), the rule file on the right.
// Every edit of the rules re-extracts (debounced); lint diagnostics are
// marked in the editor at their line and column. No build step, no
// dependencies: plain DOM and fetch.
'use strict';

const $ = (id) => document.getElementById(id);
// rulesTouched: the user (or --rules, or discover) has put rules in the
// editor; until then a rule file the library chose by match: is opened in
// the editor as an editable copy.
const state = { article: '', rules: '', rulesTouched: false, result: null, seq: 0, speakerColors: {} };
const PALETTE = ['#1f6feb', '#c2410c', '#15803d', '#9333ea', '#be123c', '#0e7490', '#a16207', '#4338ca'];

function setStatus(text) { $('status').textContent = text; }

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return { ok: response.ok, status: response.status, text: await response.text() };
}

// --- extraction ----------------------------------------------------------

async function extract() {
  const seq = ++state.seq;
  setStatus('extracting…');
  const started = performance.now();
  const reply = await postJson('/api/extract', { article: state.article, rules: state.rules });
  if (seq !== state.seq) return;  // a newer edit already asked again
  let result;
  try { result = JSON.parse(reply.text); } catch (e) { setStatus('bad reply from the server'); return; }
  if (!reply.ok) { setStatus(result.error || ('error ' + reply.status)); return; }
  renderLint(result.lint, result.error);
  if (result.document === null) {
    setStatus('the rules have errors; showing the last good extraction');
    return;
  }
  state.result = result;
  renderDocument(result);
  renderDecidedBy(result);
  const ms = Math.round(performance.now() - started);
  setStatus(`${result.document.turns.length} turns · ${ms} ms`);
  if (state.rules.trim() === '' && !state.rulesTouched && result.rules_text &&
      result.document.rules.selected_by === 'match') {
    openCopy(result);
  }
}

// The rule file the library chose, in the editor: edits re-extract with it.
function openCopy(result) {
  state.rulesTouched = true;
  state.copyOf = result.document.rules.name;
  setRules(result.rules_text);
  extract();
}

// Which rule files decided: the chosen set's files, base first, and a
// button to edit a copy when the editor is empty.
function renderDecidedBy(result) {
  const box = $('decided-by');
  const files = result.rules_files || [];
  if (state.rules.trim() !== '') {
    box.textContent = state.copyOf ? `editing a copy of ${state.copyOf} (changes stay in this page: Download rules to keep them)` : '';
    return;
  }
  if (files.length === 0) { box.replaceChildren(); return; }
  const names = files.map((f) => f.file.replace(/^builtin:/, '') + (f.builtin ? ' (built-in)' : '')).join(' ← ');
  const text = document.createElement('span');
  text.textContent = `decided by ${names}, ${result.document.rules.selected_by} `;
  const edit = document.createElement('button');
  edit.type = 'button';
  edit.id = 'edit-copy';
  edit.textContent = `Edit a copy of ${result.document.rules.name}`;
  edit.addEventListener('click', () => openCopy(result));
  box.replaceChildren(text, edit);
}
const extractSoon = debounce(extract, 300);

function speakerColor(id) {
  if (!(id in state.speakerColors)) {
    state.speakerColors[id] = PALETTE[Object.keys(state.speakerColors).length % PALETTE.length];
  }
  return state.speakerColors[id];
}

function renderDocument(result) {
  const doc = result.document;
  $('summary').textContent =
    `rules: ${doc.rules.name} (${doc.rules.selected_by}) · ${doc.speakers.length} speakers · ` +
    `${doc.turns.length} turns · ${doc.sections.length} sections · ${doc.warnings.length} warnings`;
  $('summary').dataset.turns = String(doc.turns.length);
  $('warnings').replaceChildren(...doc.warnings.map((w) => {
    const li = document.createElement('li');
    li.textContent = (w.line > 0 ? `line ${w.line}: ` : '') + `[${w.code}] ${w.message}`;
    return li;
  }));

  const tbody = $('speakers').querySelector('tbody');
  tbody.replaceChildren(...result.speakers.map((sp) => {
    const tr = document.createElement('tr');
    tr.style.color = speakerColor(sp.id);
    for (const [value, cls] of [[sp.id, ''], [sp.name, ''], [sp.role, ''], [sp.turns, 'turns']]) {
      const td = document.createElement('td');
      td.textContent = String(value);
      if (cls) td.className = cls;
      tr.append(td);
    }
    return tr;
  }));

  const lines = result.ledger.lines.map((row) => {
    const div = document.createElement('div');
    div.className = 'line ' + row.what;
    div.dataset.line = String(row.line);
    div.dataset.what = row.what;
    if (row.speaker) div.style.setProperty('--speaker', speakerColor(row.speaker));
    const no = document.createElement('span');
    no.className = 'no';
    no.textContent = String(row.line);
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = row.text;
    const why = document.createElement('span');
    why.className = 'why';
    const rule = row.rule ? row.rule + (row.rule_location ? ` (${row.rule_location})` : '') : '';
    const cuts = row.cuts.map((c) => 'cut by ' + c).join('; ');
    why.textContent = [row.what + (row.detail ? ' ' + row.detail : ''), rule, cuts].filter(Boolean).join(' ← ');
    why.title = why.textContent;
    div.append(no, text, why);
    return div;
  });
  $('lines').replaceChildren(...lines);
}

// --- the rule editor and its lint marks ----------------------------------

function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function renderBackdrop(diagnostics) {
  const lines = state.rules.split('\n');
  const marks = new Map();  // line index -> diagnostic
  for (const d of diagnostics) {
    if (d.file === 'rules.yaml' && d.line > 0 && !marks.has(d.line - 1)) marks.set(d.line - 1, d);
  }
  const html = lines.map((line, i) => {
    const d = marks.get(i);
    if (!d) return escapeHtml(line);
    const chars = Array.from(line);
    const at = Math.min(Math.max(d.column - 1, 0), Math.max(chars.length - 1, 0));
    let end = at + 1;
    while (end < chars.length && !/\s/.test(chars[end])) end++;
    const before = escapeHtml(chars.slice(0, at).join(''));
    const marked = escapeHtml(chars.slice(at, end).join('')) || ' ';
    const after = escapeHtml(chars.slice(end).join(''));
    return `<span class="bad-line">${before}<mark class="${d.severity}" title="${escapeHtml(d.message)}">` +
      `${marked}</mark>${after}</span>`;
  }).join('\n');
  $('editor-backdrop').innerHTML = html + '\n';
}

function renderLint(diagnostics, error) {
  const list = $('lint');
  const items = diagnostics.map((d) => {
    const li = document.createElement('li');
    li.className = d.severity;
    li.textContent = `${d.file}:${d.line}:${d.column}: ${d.severity}: [${d.code}] ${d.message}`;
    li.addEventListener('click', () => goToLine(d.line, d.column));
    return li;
  });
  if (error && diagnostics.length === 0) {
    const li = document.createElement('li');
    li.className = 'error';
    li.textContent = error;
    items.push(li);
  }
  if (items.length === 0 && state.rules.trim() !== '') {
    const li = document.createElement('li');
    li.className = 'ok';
    li.textContent = 'no problems';
    items.push(li);
  }
  list.replaceChildren(...items);
  renderBackdrop(diagnostics);
}

function goToLine(line, column) {
  const editor = $('rules-input');
  const lines = state.rules.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  offset += Math.max(column - 1, 0);
  editor.focus();
  editor.setSelectionRange(offset, offset);
}

function setRules(text) {
  state.rules = text;
  $('rules-input').value = text;
  renderBackdrop([]);
}

// --- articles: the server's files, pasted text, dropped files -------------

function setArticle(text) {
  state.article = text;
  state.speakerColors = {};
  $('article-input').value = text;
  extract();
}

async function loadFile(index) {
  const response = await fetch('/api/files/' + index);
  const file = await response.json();
  setArticle(file.text);
}

async function init() {
  const response = await fetch('/api/files');
  const config = await response.json();
  const picker = $('file-picker');
  for (const f of config.files) {
    const option = document.createElement('option');
    option.value = String(f.index);
    option.textContent = f.name;
    picker.append(option);
  }
  if (config.rules) { state.rulesTouched = true; setRules(config.rules); }
  if (config.files.length > 0) {
    picker.value = '0';
    await loadFile(0);
  } else {
    setStatus('paste or drop an article');
  }
}

function download(name, type, text) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function downloadOutput(format) {
  const reply = await postJson('/api/convert', { article: state.article, rules: state.rules, format });
  if (!reply.ok) { setStatus(JSON.parse(reply.text).error); return; }
  download(format === 'json' ? 'article.json' : 'article.yaml',
    format === 'json' ? 'application/json' : 'application/yaml', reply.text);
}

function wire() {
  $('file-picker').addEventListener('change', (e) => { if (e.target.value !== '') loadFile(e.target.value); });
  $('edit-article').addEventListener('click', () => {
    const input = $('article-input');
    input.hidden = !input.hidden;
    if (!input.hidden) input.focus();
  });
  $('article-input').addEventListener('input', debounce((e) => setArticle(e.target.value), 300));
  const pane = $('article-pane');
  pane.addEventListener('dragover', (e) => { e.preventDefault(); pane.classList.add('dragging'); });
  pane.addEventListener('dragleave', () => pane.classList.remove('dragging'));
  pane.addEventListener('drop', async (e) => {
    e.preventDefault();
    pane.classList.remove('dragging');
    const file = e.dataTransfer.files[0];
    if (file) { $('file-picker').value = ''; setArticle(await file.text()); }
  });
  const editor = $('rules-input');
  editor.addEventListener('input', () => {
    state.rules = editor.value;
    state.rulesTouched = true;
    if (state.rules.trim() === '') state.copyOf = null;
    renderBackdrop([]);
    extractSoon();
  });
  editor.addEventListener('scroll', () => { $('editor-backdrop').scrollTop = editor.scrollTop; });
  $('discover').addEventListener('click', async () => {
    setStatus('discovering…');
    const reply = await postJson('/api/discover', { article: state.article });
    const result = JSON.parse(reply.text);
    if (!reply.ok) { setStatus(result.error); return; }
    state.rulesTouched = true;
    state.copyOf = null;
    setRules(result.rules);
    extract();
  });
  $('download-rules').addEventListener('click', () => download('rules.yaml', 'application/yaml', state.rules));
  $('download-json').addEventListener('click', () => downloadOutput('json'));
  $('download-yaml').addEventListener('click', () => downloadOutput('yaml'));
}

wire();
init();
