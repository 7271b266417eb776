// audit(): what the page stores, and whose it is (README, "JavaScript API"; CNIL guidelines 2020-091 on prior consent, EDPB Cookie Banner Taskforce report §§26-30 on essential cookies).

import type { ResolvedConfig } from './config';
import { readCookies } from './cookie-jar';
import { safe } from './guard';
import { nameMatcher } from './patterns';
import type { AuditEntry } from './types';

/**
 * Lists every cookie and storage key visible to the page, each classified against the configuration.
 * @returns entries; `escaped: true` marks a declared one whose category is not granted
 */
export function audit(config: ResolvedConfig | null, isGranted: (key: string) => boolean): AuditEntry[] {
  const entries = list(config, isGranted);
  // `debug: true`: every audit is also printed, the debug report's (core/verdict.ts asks for one on
  // load and after each decision).
  if (config?.source.debug) print(entries);
  return entries;
}

function list(config: ResolvedConfig | null, isGranted: (key: string) => boolean): AuditEntry[] {
  const owners = config
    ? config.categories.flatMap(cat => [
        ...cat.cookies.map(match => ({ match, category: cat.key, service: undefined as string | undefined })),
        ...(config.source.categories[cat.key]!.services || []).flatMap(s =>
          (s.cookies || []).map(c => ({ match: nameMatcher(c.name), category: cat.key, service: s.name })),
        ),
      ])
    : [];
  const classify = (kind: AuditEntry['kind'], name: string): AuditEntry => {
    // consentry's own: the consent cookie, and its `consentry:` storage keys (validation mark, outbox, language).
    if (kind === 'cookie' ? config && name === config.cookie.name : name.startsWith('consentry:'))
      return { kind, name, status: 'consent' };
    // A service-level declaration names the service; prefer it over a bare category pattern.
    const hit = owners.filter(o => o.match(name)).sort((a, b) => (b.service ? 1 : 0) - (a.service ? 1 : 0))[0];
    if (!hit) return { kind, name, status: 'undeclared' };
    const entry: AuditEntry = { kind, name, status: 'declared', category: hit.category, escaped: !isGranted(hit.category) };
    if (hit.service) entry.service = hit.service;
    return entry;
  };
  const out = [...readCookies().keys()].map(n => classify('cookie', n));
  for (const kind of ['localStorage', 'sessionStorage'] as const)
    safe(() => Object.keys(window[kind]).forEach(n => out.push(classify(kind, n))));
  return out;
}

/** The audit as a console table (the debug report: `data-debug` or `debug: true`). */
export function printAudit(config: ResolvedConfig | null, isGranted: (key: string) => boolean): void {
  print(list(config, isGranted));
}

/** The debug report: a summary line, naming what escaped the gate, and the entries as a table. */
function print(entries: AuditEntry[]): void {
  const escaped = entries.filter(e => e.escaped);
  console.info('[consentry] audit: ' + entries.length + ' cookies and storage keys' + (escaped.length ? ', ' + escaped.length + ' escaped the gate: ' + escaped.map(e => e.name).join(', ') : ''));
  console.table(entries.map(e => ({ kind: e.kind, name: e.name, status: e.escaped ? 'ESCAPED' : e.status, category: e.category || '', service: e.service || '' })));
}
