// The built-in languages and how a language tag maps onto them: what the UI shows (i18n.ts) and what
// the validator checks a configuration's language codes against (check.ts). Kept apart from i18n.ts
// so that the core chunk, which validates but draws nothing, carries only this.

/** The built-in language packs (dist/i18n/<code>.json); English ships inside the UI chunk. */
export const PACKS = 'bg cs da de el es et fi fr ga hr hu it lt lv mt nl pl pt pt-BR ro sk sl sv zh-Hans zh-Hant ja ko ar he tr uk nb'.split(' ');
/**
 * The codes a language tag may be shown in, most specific first, with the region fallbacks:
 * fr-CA → fr; zh-TW, zh-HK, zh-MO, zh-Hant → zh-Hant; zh, zh-CN, zh-SG, zh-Hans → zh-Hans;
 * pt-BR stays itself, other pt → pt; no, nn → nb.
 */
export function codesFor(tag: string): string[] {
  const [primary, ...rest] = tag.toLowerCase().split('-') as [string, ...string[]];
  if (primary === 'zh') return [rest.some(r => /^(hant|tw|hk|mo)$/.test(r)) ? 'zh-Hant' : 'zh-Hans'];
  if (primary === 'no' || primary === 'nn') return ['nb'];
  const region = rest[0] ? primary + '-' + rest[0].toUpperCase() : null;
  return region ? [tag, region, primary] : [primary];
}
