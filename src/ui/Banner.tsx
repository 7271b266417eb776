// The first layer (the README's "The banner and the preferences"; CNIL-2/3/4, EDPB-2/4): accept all and reject all as twin buttons,
// customize, the policy link, and a × that refuses ("continue without accepting").

import { Dialog, Head } from './Layer';
import type { Model } from './model';
import { safeUrl } from './safe-url';

export function Banner({ m, hidden }: { m: Model; hidden: boolean }) {
  const { t, ctx } = m;
  const { api, config } = ctx;
  const layout = config.source.ui?.layout || 'bar';
  const url = safeUrl(config.source.privacyPolicyUrl);
  const reject = () => api.rejectAll();
  const content = (
    <>
      <Head id="bt" title={t('banner.title')} close={t('banner.close')} onClose={reject} />
      <p>
        {t('banner.description')} {url && <a href={url}>{t('banner.policy')}</a>}
      </p>
      {ctx.gpc && (
        <p role="status" class="gpc">
          {t('banner.gpc')}
        </p>
      )}
      {/* Same element, same classes: one rule styles both (equal prominence, CNIL-2). */}
      <div class="bs">
        <button class="b p" onClick={() => api.acceptAll()}>
          {t('banner.acceptAll')}
        </button>
        <button class="b p" onClick={reject}>
          {t('banner.rejectAll')}
        </button>
        <button class="b cz" onClick={() => m.go('preferences')}>
          {t('banner.customize')}
        </button>
      </div>
    </>
  );
  // Escape refuses, like the ×: the modal layout stays dismissible (CNIL-3, A11Y-4).
  return layout === 'modal' ? (
    <Dialog label="bt" onEscape={reject} hidden={hidden}>
      {content}
    </Dialog>
  ) : (
    <section class={'cd ' + layout} aria-labelledby="bt" hidden={hidden}>
      {content}
    </section>
  );
}
