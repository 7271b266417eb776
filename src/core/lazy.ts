// The part of the core that a passive page view never needs: strict validation and writing a
// decision. Built into dist/consentry-core.js and re-exported by the UI chunk, so a first-time
// visitor fetches one file and a returning visitor none. (The audit, a developer's tool, is only in
// the core chunk: see core-chunk.ts.)
export { checkConfig } from './verdict';
export { decide } from './decide';
