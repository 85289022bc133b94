import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES, type Language } from '@/i18n';

/** EN / 中文; the choice is remembered in localStorage. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('nav.language')}
      data-testid="language-switch"
      value={i18n.language === 'zh' ? 'zh' : 'en'}
      onChange={(v) => void changeLanguage(v as Language)}
      data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
    />
  );
}
