// The second layer: a modal dialog, switches off until turned on, save, withdraw, focus.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetPage } from '../_util/dom';
import { CONFIG, setup, settle } from '../_util/ui';

const only = (choices: Record<string, boolean>) => Object.keys(choices).filter(k => choices[k]);

beforeEach(() => resetPage());
afterEach(() => resetPage());

describe('the preferences', () => {
  it('should open as a labelled modal dialog with focus on its heading', async () => {
    const { ui, dialog, shadow } = setup();
    await ui.show('preferences');
    const d = dialog()!;
    expect(d.getAttribute('role')).toBe('dialog');
    expect(d.getAttribute('aria-modal')).toBe('true');
    expect(shadow.getElementById(d.getAttribute('aria-labelledby')!)!.textContent).toBe('Privacy preferences');
    expect(shadow.activeElement).toBe(shadow.getElementById('pt'));
  });

  it('should open from the banner\'s "Customize"', async () => {
    const { ui, button, dialog, $ } = setup();
    await ui.show('banner');
    button('Customize').click();
    await settle(); // the preferences chunk arrives
    expect(dialog()).not.toBeNull();
    expect($('section')!.hidden).toBe(true);
  });

  it('should show one labelled switch per category, none on but necessary, which is disabled', async () => {
    const { ui, switches, switchOf } = setup();
    await ui.show('preferences');
    expect(switches().map(s => [s.id, s.checked, s.disabled])).toEqual([
      ['c-necessary', true, true],
      ['c-analytics', false, false],
      ['c-marketing', false, false],
    ]);
    expect(switches().every(s => s.type === 'checkbox')).toBe(true);
    expect(switchOf('Strictly necessary')).toBe(switches()[0]);
    expect(switchOf('Analytics')).toBe(switches()[1]);
    expect(switchOf('Marketing')).toBe(switches()[2]);
  });

  it('should say why necessary is always on', async () => {
    const { ui, switchOf, shadow } = setup();
    await ui.show('preferences');
    const ids = switchOf('Strictly necessary').getAttribute('aria-describedby')!.split(' ');
    expect(ids.map(id => shadow.getElementById(id)!.textContent)).toEqual([
      'Always on',
      'Needed for the site to work and to remember your privacy choices. They cannot be turned off.',
    ]);
  });

  it('should list services and their cookies in a disclosure under their category', async () => {
    const { ui, $$ } = setup();
    await ui.show('preferences');
    const [details] = $$('details');
    expect($$('details')).toHaveLength(1);
    expect(details!.closest('li')!.querySelector('label')!.textContent).toBe('Analytics');
    expect(details!.querySelector('summary')!.textContent).toBe('Services and cookies');
    expect([...details!.querySelectorAll('dt, dd, th, td, b')].map(e => e.textContent)).toEqual([
      'Analytics',
      'Provider',
      'Example Inc.',
      'Purpose',
      'Audience measurement',
      'Cookie',
      'Duration',
      '_ga',
      '13 months',
    ]);
  });

  it("should show what each cookie is for, in a third column, when the site describes its service's cookies", async () => {
    const analytics = {
      services: [{ name: 'Analytics', cookies: [{ name: '_ga', duration: '13 months', description: 'Tells visits apart' }, { name: '_gid' }] }],
    };
    const { ui, $$ } = setup({ ...CONFIG, categories: { ...CONFIG.categories, analytics } });
    await ui.show('preferences');
    expect([...$$('details')[0]!.querySelectorAll('tr')].map(tr => [...tr.children].map(c => c.textContent))).toEqual([
      ['Cookie', 'Duration', 'Purpose'],
      ['_ga', '13 months', 'Tells visits apart'],
      ['_gid', '', ''],
    ]);
  });

  it('should decide nothing when a switch is toggled, and save the switches on "Save my choices"', async () => {
    const { ui, api, switchOf, button, $ } = setup();
    await ui.show('preferences');
    switchOf('Analytics').click();
    expect(switchOf('Analytics').checked).toBe(true);
    expect(api.state.decided).toBe(false);
    expect(api.get('analytics')).toBeUndefined();
    button('Save my choices').click();
    expect(api.get('analytics')).toBe(true);
    expect(api.get('marketing')).toBe(false);
    expect($('.sr[role="status"]')!.textContent).toBe('Your choices have been saved.');
    // The instance hides the UI after a decision: the message stays to be read out.
    await ui.hide();
    expect($('.sr[role="status"]')!.textContent).toBe('Your choices have been saved.');
  });

  it('should accept all and reject all from the dialog, with twin buttons', async () => {
    const { ui, api, button } = setup();
    await ui.show('preferences');
    expect(button('Accept all').className).toBe(button('Reject all').className);
    button('Accept all').click();
    expect(only(api.state.choices)).toEqual(['necessary', 'analytics', 'marketing']);
    button('Reject all').click();
    expect(only(api.state.choices)).toEqual(['necessary']);
  });

  it('should show the current choices, the decision\'s date and consent id, and withdraw', async () => {
    const { ui, api, switches, button, $ } = setup();
    api.set({ analytics: true });
    await ui.show('preferences');
    expect(switches().map(s => s.checked)).toEqual([true, true, false]);
    const s = api.state;
    expect($('.dc')!.textContent).toContain(s.consentId!);
    expect($('.dc p')!.textContent).toMatch(/^You made your choices on .*\d{4}.*\.$/);
    button('Withdraw my consent').click();
    expect(api.state.consentId).toBe(s.consentId);
    expect(only(api.state.choices)).toEqual(['necessary']);
  });

  it('should not show a decision before there is one', async () => {
    const { ui, $ } = setup();
    await ui.show('preferences');
    expect($('.dc')).toBeNull();
  });

  it('should close on Escape and give focus back to the page element that opened it', async () => {
    const { ui, api, dialog, key } = setup();
    const opener = document.body.appendChild(document.createElement('a'));
    opener.href = '#cookies';
    opener.focus();
    await ui.show('preferences');
    key(dialog()!, 'Escape');
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(api.state.decided).toBe(false);
  });

  it('should close on × back to the banner, with focus on "Customize"', async () => {
    const { ui, button, dialog, shadow, $ } = setup();
    await ui.show('banner');
    const customize = button('Customize');
    customize.focus();
    customize.click();
    await settle();
    button('Close').click();
    expect(dialog()).toBeNull();
    expect($('section')!.hidden).toBe(false);
    expect(shadow.activeElement).toBe(customize);
  });

  it('should keep Tab and Shift+Tab inside the dialog', async () => {
    const { ui, dialog, shadow, key } = setup();
    await ui.show('preferences');
    const controls = [...dialog()!.querySelectorAll<HTMLElement>('button, input:not([disabled]), summary, a[href]')];
    const [first, last] = [controls[0]!, controls[controls.length - 1]!];
    expect(first.getAttribute('aria-label')).toBe('Close');
    expect(last.textContent).toBe('Save my choices');
    last.focus();
    key(last, 'Tab');
    expect(shadow.activeElement).toBe(first);
    key(first, 'Tab', true);
    expect(shadow.activeElement).toBe(last);
    // From the heading, where the dialog starts, Shift+Tab goes round to the last control too.
    shadow.getElementById('pt')!.focus();
    key(shadow.getElementById('pt')!, 'Tab', true);
    expect(shadow.activeElement).toBe(last);
  });

  it('should say that the GPC signal was honoured', async () => {
    const { ui, dialog } = setup(CONFIG, { gpc: true });
    await ui.show('preferences');
    expect(dialog()!.querySelector('[role="status"]')!.textContent).toContain('Global Privacy Control');
  });
});
