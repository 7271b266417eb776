// dist/consentry-decide.js: the decision writer (core/decide.ts), fetched once the banner is shown
// so that it is at hand when the visitor clicks, without being among what the banner waits for.
export { decide } from './core/decide';
