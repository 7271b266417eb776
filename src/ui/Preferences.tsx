// The second layer (the README's "The banner and the preferences"; EDPB-3, A11Y-4/5/9), a chunk of its own (most visitors decide on
// the first layer and never fetch it): a modal dialog with one switch per category, its services
// and cookies (name, duration, purpose) in a disclosure, and the current decision with a way to
// withdraw it.
// Switches only edit the model's draft: nothing is decided until a button is pressed (A11Y-13).

import { PACKS } from '../core/i18n';
import css from './prefs.css?raw';
import { Dialog, Head } from './Layer';
import type { Model } from './model';

const when = (iso: string, lang: string): string => {
  try {
    return new Date(iso).toLocaleString(lang, { dateStyle: 'long', timeStyle: 'short' });
  } catch {
    return iso;
  }
};

/** A language's own name for itself ("français"), from the browser; the code if it has none. */
const autonym = (code: string): string => {
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
};

/** The preferences' own stylesheet text (the UI adopts it when this chunk arrives). */
export const PREFS_CSS = css;

export function Preferences({ m }: { m: Model }) {
  const { t, ctx, draft } = m;
  const { api, config } = ctx;
  const s = m.state.value;
  const close = () => m.go(m.back);
  const row = (key: string, value?: string) => value && [<dt>{t(key)}</dt>, <dd>{value}</dd>];

  return (
    <Dialog label="pt" onEscape={close}>
      <Head id="pt" title={t('prefs.title')} close={t('prefs.close')} onClose={close} />
      <p>{t('prefs.description')}</p>
      <label class="lg">
        {t('prefs.language')}{' '}
        <select onChange={e => void m.setLanguage(e.currentTarget.value)}>
          {[...new Set(['en', ...PACKS, ...Object.keys(config.source.translations || {})])].map(code => (
            <option value={code} selected={code === m.lang} lang={code}>
              {autonym(code)}
            </option>
          ))}
        </select>
      </label>
      {ctx.gpc && (
        <p role="status" class="gpc">
          {t('banner.gpc')}
        </p>
      )}
      <ul class="cs">
        {config.categories.map(({ key, required }) => {
          const { title, description, services = [] } = config.source.categories[key] || {};
          const id = 'c-' + key;
          return (
            <li key={key}>
              <div class="ch">
                <label for={id}>{m.pick(title, 'category.' + key + '.title')}</label>
                {required && <span id={id + 'a'}>{t('prefs.alwaysOn')}</span>}
                <input
                  id={id}
                  type="checkbox"
                  role="switch"
                  class="sw"
                  checked={required || !!draft.value[key]}
                  disabled={required}
                  aria-describedby={(required ? id + 'a ' : '') + id + 'd'}
                  onChange={e => (draft.value = { ...draft.value, [key]: e.currentTarget.checked })}
                />
              </div>
              <p id={id + 'd'}>{m.pick(description, 'category.' + key + '.description')}</p>
              {services.length > 0 && (
                <details>
                  <summary>{t('prefs.services')}</summary>
                  {services.map(v => (
                    <div class="sv">
                      <b>{v.name}</b>
                      <dl>
                        {row('prefs.provider', v.provider)}
                        {row('prefs.purpose', v.purpose)}
                      </dl>
                      {!!v.cookies?.length && (
                        <table>
                          <tr>
                            <th>{t('prefs.cookie')}</th>
                            <th>{t('prefs.duration')}</th>
                            {/* What each cookie is for, when the site says (ePrivacy Art. 5(3): clear information about the purpose). */}
                            {v.cookies.some(c => c.description) && <th>{t('prefs.purpose')}</th>}
                          </tr>
                          {v.cookies.map(c => (
                            <tr>
                              <td>{c.name}</td>
                              <td>{c.duration}</td>
                              {v.cookies!.some(c => c.description) && <td>{c.description}</td>}
                            </tr>
                          ))}
                        </table>
                      )}
                    </div>
                  ))}
                </details>
              )}
            </li>
          );
        })}
      </ul>
      {s.decided && (
        <div class="dc">
          <p>{t('prefs.decidedOn', { date: when(s.decidedAt!, m.lang) })}</p>
          <p>
            {t('prefs.consentId')} <code>{s.consentId}</code>
          </p>
          <button class="b" onClick={() => api.withdraw()}>
            {t('prefs.withdraw')}
          </button>
        </div>
      )}
      <div class="bs">
        <button class="b p" onClick={() => api.acceptAll()}>
          {t('prefs.acceptAll')}
        </button>
        <button class="b p" onClick={() => api.rejectAll()}>
          {t('prefs.rejectAll')}
        </button>
        <button class="b cz" onClick={() => api.set(draft.value)}>
          {t('prefs.save')}
        </button>
      </div>
    </Dialog>
  );
}
