// lazy.ts as the loader's chunks export it (dist/consentry-core.js and the UI chunk): the same
// checks and decisions, but the validator's words (messages.ts) are a chunk of their own, fetched
// only when a configuration fails, since a visitor with a valid one never reads them (README,
// Configuration). The report then reads exactly as with the words at hand, one fetch later.
import type { TextKeys } from './check';
import type { Lazy } from './consentry';
import { report } from './guard';
import { judge } from './verdict';

/**
 * The chunk's checkConfig.
 * @param textKeys the English pack's keys, as the chunk knows them (check.ts `TextKeys`)
 */
export const chunkCheck = (textKeys: TextKeys): Lazy['checkConfig'] =>
  judge(
    issues =>
      // import() makes the engine's own promise: no global Promise needed (README, "Browser support").
      import('./messages').then(
        m => report(m.formatErrors(m.explain(issues))),
        // Without its words the report still names every bad field.
        () => report('invalid configuration, every optional category is refused: ' + issues.map(i => i[0].join('.')).join(', ')),
      ),
    textKeys,
  );
export { decide } from './decide';
