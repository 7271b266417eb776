// The part of the core that a passive page view never needs: strict validation and writing a
// decision, with the validator's words at hand, so that an invalid configuration is reported at
// once: what consentry.mjs (index.ts) bundles. The chunks the loader fetches, dist/consentry-core.js
// and the UI chunk, export the same from lazy-chunk.ts, which fetches the words only when needed; a
// first-time visitor fetches one file and a returning visitor none. (The audit, a developer's tool,
// is only in the core chunk: see core-chunk.ts.)
import en from '../locales/en.json';
import { inPack } from './check';
import { formatErrors, explain } from './messages';
import { report } from './guard';
import { judge } from './verdict';

export const checkConfig = judge(issues => report(formatErrors(explain(issues))), inPack(en));
export { decide } from './decide';
