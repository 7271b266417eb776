/**
 * Build flag: true in dist/consentry-plus.js and the ESM build (automatic blocking, cross-tab sync,
 * the debug report), false in dist/consentry.js, whose code for them is then dropped at build time.
 */
declare const __PLUS__: boolean;
