// The shop page's basket: kept in a first-party cookie the site needs to work (declared under
// "necessary" in consent-config.json), so it is set without asking.
(function () {
  'use strict';
  const status = document.getElementById('basket');

  function read() {
    const m = /(?:^|; )basket=([^;]*)/.exec(document.cookie);
    try {
      const items = m ? JSON.parse(decodeURIComponent(m[1])) : {};
      return items && typeof items === 'object' ? items : {};
    } catch (e) {
      return {};
    }
  }

  function show(items) {
    const names = Object.keys(items);
    status.textContent = names.length
      ? 'In your basket: ' + names.map(n => items[n] + ' × ' + n).join(', ') + '.'
      : 'Your basket is empty.';
  }

  document.addEventListener('click', e => {
    const button = e.target.closest && e.target.closest('button[data-add]');
    if (!button) return;
    const items = read();
    items[button.dataset.add] = (items[button.dataset.add] || 0) + 1;
    document.cookie = 'basket=' + encodeURIComponent(JSON.stringify(items)) + '; path=/; max-age=86400; samesite=lax';
    show(items);
    document.dispatchEvent(new Event('demo:cookies'));
  });
  show(read());
})();
