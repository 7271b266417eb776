// dist/consentry-core.js: the lazy core (core/lazy.ts) and the audit.
export * from './core/lazy';
export { audit, printAudit } from './core/audit';
