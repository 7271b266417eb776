// Stands in for an advertising tag. The pages include it gated (type="text/plain" data-consent="marketing"),
// so it runs only once marketing is granted; then it sets its cookie, like a real one, and says so on the page.
(function () {
  document.cookie = '_demo_ads=' + Math.floor(Math.random() * 1e9) + '; path=/; max-age=' + 90 * 86400 + '; samesite=lax';
  if (window.demoReport) window.demoReport('Demo Ads (/tags/ads.js)', '_demo_ads');
})();
