import type { CalendarKind, Channel, ComplaintCategory, Direction, KeyDateKind, Severity, Stage } from '@/gql/graphql';

export const CHANNELS: Channel[] = ['CALL', 'VISIT', 'MEETING', 'MESSAGE', 'EMAIL', 'LETTER', 'GIFT', 'EVENT', 'OTHER'];
export const DIRECTIONS: Direction[] = ['OUTBOUND', 'INBOUND'];
export const SENTIMENTS = [-2, -1, 0, 1, 2] as const;
export const CATEGORIES: ComplaintCategory[] = ['QUALITY', 'DELIVERY', 'BILLING', 'SERVICE_ATTITUDE', 'BROKEN_PROMISE', 'PRICE', 'OTHER'];
export const SEVERITY_LEVELS: Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
export const KEY_DATE_KINDS: KeyDateKind[] = ['BIRTHDAY', 'ANNIVERSARY', 'FESTIVAL', 'RENEWAL', 'CUSTOM'];
export const CALENDARS: CalendarKind[] = ['GREGORIAN', 'LUNAR'];
/** The festivals the API knows (AddKeyDateInput.festival). */
export const FESTIVALS = ['SPRING_FESTIVAL', 'LANTERN', 'DRAGON_BOAT', 'QIXI', 'MID_AUTUMN', 'DOUBLE_NINTH', 'LABA', 'NEW_YEAR', 'VALENTINES', 'CHRISTMAS'] as const;

/** The life cycle as lifecycle.go allows it: LOST from any live stage; a lost customer returns only as WON_BACK. */
export const STAGE_MOVES: Record<Stage, Stage[]> = {
  PROSPECT: ['ACTIVE', 'LOST'],
  ACTIVE: ['DORMANT', 'SUSPENDED', 'LOST'],
  DORMANT: ['ACTIVE', 'SUSPENDED', 'LOST'],
  SUSPENDED: ['ACTIVE', 'DORMANT', 'LOST'],
  LOST: ['WON_BACK'],
  WON_BACK: ['ACTIVE', 'DORMANT', 'SUSPENDED', 'LOST'],
};

/** The response deadline's share of the contract SLA by severity (complaint.go). */
export function slaHoursFor(slaHours: number, severity: Severity): number {
  const h = severity === 'CRITICAL' ? slaHours / 4 : severity === 'HIGH' ? slaHours / 2 : slaHours;
  return Math.max(1, Math.round(h * 10) / 10);
}
