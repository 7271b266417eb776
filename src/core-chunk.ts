// dist/consentry-core.js: the lazy core (core/lazy.ts), the audit, and the plain-DOM banner the
// loader mounts when the UI chunk cannot be loaded (ui/fallback.ts).
export * from './core/lazy';
export { audit, printAudit } from './core/audit';
export { mount } from './ui/fallback';
