// `npm run bench`: every benchmark, printed as Markdown. For now the reference receipts collector;
// library comparisons are to be added here.
import { runCollectorBench } from './collector.mjs';

const sections = [await runCollectorBench({ log: line => console.error(line) })];
console.log(sections.join('\n\n'));
