// dist/consentry-core.js (see core/lazy.ts).
export * from './core/lazy';
