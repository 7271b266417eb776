// Global Privacy Control (W3C WD): only `navigator.globalPrivacyControl === true` is a signal.

/** Whether the browser sends the Global Privacy Control opt-out signal. */
export function gpcEnabled(): boolean {
  return (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
}
