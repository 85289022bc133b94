import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CURRENCY } from '@/config/env';
import { useCurrency } from './currency';

/** The BCP 47 locale used with Intl for an app language. */
export function intlLocale(lang: string): string {
  return lang.startsWith('zh') ? 'zh-CN' : 'en-GB';
}

export type Formatters = ReturnType<typeof createFormatters>;

/** Number, money (in `currency`), date and relative-time formatting in the given language. */
export function createFormatters(lang: string, currency: string = DEFAULT_CURRENCY) {
  const locale = intlLocale(lang);
  const num = new Intl.NumberFormat(locale);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  // Large sums in narrow places: "CN¥2.2M", "€223.4K", "CN¥223.4万".
  const compactMoney = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 86_400_000],
    ['month', 30 * 86_400_000],
    ['week', 7 * 86_400_000],
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ];
  return {
    locale,
    currency,
    number: (n: number) => num.format(n),
    money: (n: number) => money.format(n),
    compactMoney: (n: number) => compactMoney.format(n),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : ''),
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : ''),
    /** "3 days ago", "in 2 hours", "刚刚"… relative to now. */
    relative: (iso: string | null | undefined, now: number = Date.now()) => {
      if (!iso) return '';
      const diff = new Date(iso).getTime() - now;
      for (const [unit, ms] of units) {
        if (Math.abs(diff) >= ms) return rel.format(Math.round(diff / ms), unit);
      }
      return rel.format(0, 'minute');
    },
  };
}

/** Formatters for the current language and workspace currency; they change when either does. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const currency = useCurrency();
  return useMemo(() => createFormatters(i18n.language, currency), [i18n.language, currency]);
}
