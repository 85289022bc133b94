import { Badge, Tooltip, type BadgeProps } from '@mantine/core';
import { IconAlarm, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format';
import { formatDuration } from '../utils/duration';
import { useNow } from '../utils/use-now';

// Narrow board columns: the text wraps rather than being cut off.
const wrapping = { root: { height: 'auto', minHeight: 'var(--badge-height)', paddingBlock: 2, maxWidth: '100%' }, label: { whiteSpace: 'normal', fontVariantNumeric: 'tabular-nums', overflow: 'visible' } } as const;

type Props = {
  responseDueAt: string;
  /** The API's verdict: the response deadline was missed (true even if nobody touched the complaint). */
  deadlineBreached: boolean;
  /** When the customer got an answer; the countdown stops there. */
  acknowledgedAt: string | null;
} & Omit<BadgeProps, 'children'>;

/**
 * The live countdown to a complaint's response deadline: time left, turning
 * red once it is breached; once answered, whether the answer was in time.
 */
export function Countdown({ responseDueAt, deadlineBreached, acknowledgedAt, ...rest }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const due = Date.parse(responseDueAt);
  const dueText = t('complaints.countdown.due', { when: f.dateTime(responseDueAt) });

  if (acknowledgedAt) {
    const late = deadlineBreached || Date.parse(acknowledgedAt) > due;
    return (
      <Tooltip label={dueText}>
        <Badge
          color={late ? 'red' : 'teal'}
          variant="light"
          leftSection={<IconCircleCheck size={12} aria-hidden />}
          data-testid="countdown"
          data-state={late ? 'answered-late' : 'answered'}
          styles={wrapping}
          {...rest}
        >
          {late ? t('complaints.countdown.answeredLate') : t('complaints.countdown.answered')}
        </Badge>
      </Tooltip>
    );
  }
  const left = due - now;
  const breached = deadlineBreached || left <= 0;
  const soon = !breached && left < 3_600_000;
  return (
    <Tooltip label={dueText}>
      <Badge
        role="timer"
        color={breached ? 'red' : soon ? 'orange' : 'blue'}
        variant={breached ? 'filled' : 'light'}
        leftSection={<IconAlarm size={12} aria-hidden />}
        data-testid="countdown"
        data-state={breached ? 'breached' : 'running'}
        styles={wrapping}
        {...rest}
      >
        {breached
          ? t('complaints.countdown.overdue', { time: formatDuration(left, t) })
          : t('complaints.countdown.left', { time: formatDuration(left, t) })}
      </Badge>
    </Tooltip>
  );
}
