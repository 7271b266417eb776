// The demo's cookie audit page: consentry.audit() as a table, again after every decision.
(function () {
  const rows = document.getElementById('audit-rows');
  const summary = document.getElementById('audit-summary');
  const cell = (tr, text) => {
    const td = document.createElement('td');
    td.textContent = text;
    tr.appendChild(td);
  };
  async function draw() {
    if (!window.consentry) return;
    const entries = await window.consentry.audit();
    rows.textContent = '';
    for (const e of entries) {
      const tr = document.createElement('tr');
      if (e.escaped) tr.className = 'escaped';
      cell(tr, e.kind);
      cell(tr, e.name);
      cell(tr, e.escaped ? 'escaped the gate' : e.status);
      cell(tr, e.category || '');
      cell(tr, e.service || '');
      rows.appendChild(tr);
    }
    const escaped = entries.filter(e => e.escaped).length;
    summary.textContent = entries.length + ' cookies and storage keys; ' + (escaped ? escaped + ' escaped the gate.' : 'none escaped the gate.');
  }
  // Tags set their cookies a moment after a decision: redraw then, on load, and on demand.
  document.addEventListener('consentry:change', draw);
  window.addEventListener('load', draw);
  document.getElementById('audit-refresh').addEventListener('click', draw);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();
