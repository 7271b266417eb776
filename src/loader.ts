// dist/consentry.js: the classic script a site adds to its <head>, as early as possible.
import { start } from './start';

start();
