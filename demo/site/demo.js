// The demo page's own script: shows which tags ran and which cookies exist, and wires the API buttons.
(function () {
  const log = document.getElementById('tag-log');
  const cookies = document.getElementById('cookies');
  const state = document.getElementById('state');
  const refresh = () => {
    cookies.textContent = document.cookie || '(none)';
    state.textContent = window.consentry ? JSON.stringify(window.consentry.state, null, 2) : '';
  };
  window.demoTagRan = function (name, cookie) {
    document.cookie = cookie + '=' + Date.now() + '; path=/; max-age=3600; samesite=lax';
    const empty = log.querySelector('[data-empty]');
    if (empty) empty.remove();
    const li = document.createElement('li');
    li.textContent = name + ' ran at ' + new Date().toLocaleTimeString() + ' and set the cookie ' + cookie;
    log.appendChild(li);
    refresh();
  };
  const actions = {
    acceptAll: c => c.acceptAll(),
    rejectAll: c => c.rejectAll(),
    analyticsOnly: c => c.set({ analytics: true, marketing: false }),
    withdraw: c => c.withdraw(),
  };
  document.addEventListener('click', e => {
    const action = e.target.closest && e.target.closest('[data-action]');
    if (action && window.consentry) actions[action.dataset.action](window.consentry);
  });
  document.addEventListener('consentry:change', refresh);
  refresh();
})();
