import { useI18n } from '../i18n/I18nProvider';
import type { Language } from '../i18n/translator';

// Each language is named in itself, so a person who cannot read the current one still finds theirs.
const OPTIONS: { language: Language; label: string }[] = [
  { language: 'vi', label: 'Tiếng Việt' },
  { language: 'en', label: 'English' },
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
          {option.label}
        </button>
      ))}
    </div>
  );
}
