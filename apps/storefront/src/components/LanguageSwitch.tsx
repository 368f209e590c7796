import { useI18n } from '../i18n/I18nProvider';
import type { Language } from '../i18n/translator';

// Each language is named in itself, so a person who cannot read the current one still finds theirs.
const OPTIONS: { language: Language; label: string; short: string }[] = [
  { language: 'vi', label: 'Tiếng Việt', short: 'VI' },
  { language: 'en', label: 'English', short: 'EN' },
];

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {OPTIONS.map((option) => (
        <button
          key={option.language}
          type="button"
          lang={option.language}
          aria-pressed={language === option.language}
          onClick={() => setLanguage(option.language)}
        >
          {/* A phone shows the short code next to the brand; the name stays the button's name. */}
          <span className="language-short" aria-hidden="true">
            {option.short}
          </span>
          <span className="language-long">{option.label}</span>
        </button>
      ))}
    </div>
  );
}
