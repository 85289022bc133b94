import type { TFunction } from 'i18next';

/** "2 d 3 h", "3 h 05 min", "4 min 09 s" (or 2天3小时…): two units, the largest first. */
export function formatDuration(ms: number, t: TFunction): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return t('complaints.duration.dh', { d, h });
  if (h > 0) return t('complaints.duration.hm', { h, m: pad(m) });
  return t('complaints.duration.ms', { m, s: pad(s) });
}
