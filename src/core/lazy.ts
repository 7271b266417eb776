// The part of the core that a passive page view never needs: strict validation, writing a
// decision, the audit. Built as dist/consentry-core.js and also re-exported by the UI chunk, so a
// first-time visitor fetches one file and a returning visitor none.
export { validateConfig, formatErrors } from './validate';
export { decide } from './decide';
export { audit } from './audit';
