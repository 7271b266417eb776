/**
 * Build flag: true in dist/consentry-plus.js and the ESM build (automatic blocking, cross-tab sync,
 * the debug report), false in dist/consentry.js, whose code for them is then dropped at build time.
 */
declare const __PLUS__: boolean;
/**
 * Build flag: true in the ESM build, whose `init()` may hand the instance its lazy part, its audit and
 * its importer (see `Environment`); false in the two loaders, which always fetch their chunks.
 */
declare const __BUNDLER__: boolean;
