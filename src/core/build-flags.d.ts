/**
 * Build flag: true in the ESM build, whose `init()` may hand the instance its lazy part, its audit and
 * its importer (see `Environment`); false in the loader, which always fetches its chunks.
 */
declare const __BUNDLER__: boolean;
