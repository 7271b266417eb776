// dist/consentry-plus.js: the loader with automatic blocking of untagged tags (services' `blocks`).
// A site that uses `blocks` includes this file instead of consentry.js: still one tag.
import { installAutoblock } from './core/autoblock-install';
import { start } from './start';

// Before the loader boots: its observer must see new elements before the gate's does.
installAutoblock();
start();
