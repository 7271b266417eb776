// What a page without a secure context (plain http, not localhost) lacks: `crypto.subtle` and
// `crypto.randomUUID` (W3C Secure Contexts; Web Crypto). In the receipts build a chunk of its own
// (dist/consentry-receipts-plain-http.js), fetched only there (README, Sizes): SHA-256 in plain
// JavaScript and a UUID v4 from `crypto.getRandomValues`, which such pages still have.

export { sha256Sync } from './sha256';
export { uuid } from './uuid';
