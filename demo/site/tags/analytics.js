// Stands in for an analytics tag. The pages include it gated (type="text/plain" data-consent="analytics"),
// so it runs only once analytics is granted; then it sets its cookie, like a real one, and says so on the page.
(function () {
  document.cookie = '_demo_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '; path=/; max-age=' + 395 * 86400 + '; samesite=lax';
  if (window.demoReport) window.demoReport('Demo Analytics (/tags/analytics.js)', '_demo_ga');
})();
