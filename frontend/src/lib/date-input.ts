/**
 * Native date and date-time inputs (keyboard- and phone-friendly, localised
 * by the browser) speak local "YYYY-MM-DD" / "YYYY-MM-DDTHH:mm"; the API
 * speaks RFC 3339 instants.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the value of an `<input type="datetime-local">`. */
export function toDateTimeInput(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An instant as the value of an `<input type="date">` (local calendar day). */
export function toDateInput(iso: string | Date | null | undefined): string {
  return toDateTimeInput(iso).slice(0, 10);
}

/** The value of a date or date-time input as an instant (a date alone: that day at 09:00 local time). */
export function fromInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value.length === 10 ? `${value}T09:00` : value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Now plus `hours`, as a date-time input value. */
export function inputIn(hours: number, from: Date = new Date()): string {
  return toDateTimeInput(new Date(from.getTime() + hours * 3_600_000));
}

/** ISO instants `days` ago and now, for [from, to) period queries, rounded to the minute so cache keys are stable. */
export function periodOf(days: number, now: number = Date.now()): { from: string; to: string } {
  const to = new Date(Math.ceil(now / 60_000) * 60_000);
  const from = new Date(to.getTime() - days * 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}
