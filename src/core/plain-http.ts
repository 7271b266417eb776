// What a page without a secure context (plain http, not localhost) lacks: `crypto.subtle` (W3C
// Secure Contexts; Web Crypto). In the receipts build a chunk of its own
// (dist/consentry-receipts-plain-http.js), fetched only there (README, Sizes): SHA-256 in plain
// JavaScript.

export { sha256Sync } from './sha256';
