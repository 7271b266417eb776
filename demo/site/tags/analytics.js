// Stands in for an analytics tag: it reports on the page that it ran, and sets its cookie.
window.demoTagRan('analytics (external script)', '_demo_ga');
