// dist/consentry-core.js: the lazy core (core/lazy.ts) and the audit.
export * from './core/lazy';
// Shadows lazy's checkConfig (a module's own export wins over `export *`).
export { checkConfigOrParser as checkConfig } from './core/verdict';
export { audit, printAudit } from './core/audit';
