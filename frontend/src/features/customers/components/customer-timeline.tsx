import { Anchor, Badge, Button, Card, Group, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowsExchange,
  IconBell,
  IconCalendarEvent,
  IconDots,
  IconGift,
  IconHeartHandshake,
  IconMail,
  IconMailOpened,
  IconMessage,
  IconMessageReport,
  IconPhone,
  IconUsers,
  IconWalk,
  type Icon,
} from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { riskColor } from '@/components/enum-badges';
import { ErrorState, LoadingState } from '@/components/states';
import { CustomerTimelineDocument, ResolvePromiseDocument, type Channel, type CustomerTimelineQuery, type PromiseStatus, type TimelineKind } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { useErrorHandler } from '@/lib/use-error-handler';

type Entry = NonNullable<CustomerTimelineQuery['customer']>['timeline']['edges'][number]['node'];

const PAGE = 20;

export const channelIcon: Record<Channel, Icon> = {
  CALL: IconPhone,
  VISIT: IconWalk,
  MEETING: IconUsers,
  MESSAGE: IconMessage,
  EMAIL: IconMail,
  LETTER: IconMailOpened,
  GIFT: IconGift,
  EVENT: IconCalendarEvent,
  OTHER: IconDots,
};
export const kindIcon: Record<TimelineKind, Icon> = {
  INTERACTION: IconMessage,
  STAGE_CHANGE: IconArrowsExchange,
  COMPLAINT: IconMessageReport,
  PROMISE: IconHeartHandshake,
  ALERT: IconBell,
};
const kindColor: Record<TimelineKind, string> = { INTERACTION: 'cyan', STAGE_CHANGE: 'grape', COMPLAINT: 'red', PROMISE: 'indigo', ALERT: 'orange' };
const promiseColor: Record<PromiseStatus, string> = { OPEN: 'blue', KEPT: 'teal', BROKEN: 'red', CANCELLED: 'gray' };
const sentimentColor = (s: number) => (s < 0 ? 'red' : s > 0 ? 'teal' : 'gray');

function PromiseActions({ p, canEdit }: { p: NonNullable<Entry['promise']>; canEdit: boolean }) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [state, resolve] = useMutation(ResolvePromiseDocument);
  if (!canEdit || p.status !== 'OPEN') return null;
  const set = async (status: PromiseStatus) => {
    const r = await resolve({ id: p.id, version: p.version, status });
    if (r.error) handle(r.error);
    else notifications.show({ color: 'teal', message: t('promise.resolved', { status: t(`workflowEnums.promiseStatus.${status}`) }) });
  };
  return (
    <Group gap={4} mt={4}>
      {(['KEPT', 'BROKEN', 'CANCELLED'] as const).map((s) => (
        <Button key={s} size="compact-xs" variant="light" color={promiseColor[s]} disabled={state.fetching} onClick={() => void set(s)} data-testid={`promise-${s.toLowerCase()}`}>
          {t(`promise.mark.${s}`)}
        </Button>
      ))}
    </Group>
  );
}

function EntryBody({ e, canEdit }: { e: Entry; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  if (e.interaction) {
    const i = e.interaction;
    return (
      <Stack gap={2}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {i.summary}
        </Text>
        <Group gap={6}>
          {i.sentiment != null && (
            <Badge size="xs" variant="light" color={sentimentColor(i.sentiment)}>
              {t(`interaction.sentiments.s${i.sentiment + 2}`)}
            </Badge>
          )}
          {i.competitor && (
            <Badge size="xs" variant="outline" color="orange">
              {t('timeline.competitor', { name: i.competitor })}
            </Badge>
          )}
          {i.giftValue != null && (
            <Badge size="xs" variant="outline" color="grape">
              {t('timeline.gift', { value: f.money(i.giftValue) })}
            </Badge>
          )}
        </Group>
        {i.giftFeedback && (
          <Text size="xs" c="dimmed">
            {t('timeline.giftFeedback', { text: i.giftFeedback })}
          </Text>
        )}
        {i.nextStep && (
          <Text size="xs">
            {t('timeline.nextStep', { step: i.nextStep })}
            {i.nextStepDueAt ? ` · ${f.date(i.nextStepDueAt)}` : ''}
          </Text>
        )}
      </Stack>
    );
  }
  if (e.stageChange) {
    const s = e.stageChange;
    return (
      <Stack gap={2}>
        {s.lossReason && (
          <Text size="sm">
            {t('timeline.lossReason', { reason: i18n.exists(`lossReasons.${s.lossReason.code}`) ? t(`lossReasons.${s.lossReason.code}`) : s.lossReason.label })}
          </Text>
        )}
        {s.reason && (
          <Text size="sm" c="dimmed">
            {s.reason}
          </Text>
        )}
      </Stack>
    );
  }
  if (e.complaint) {
    const c = e.complaint;
    return (
      <Stack gap={2}>
        <Text size="sm" lineClamp={3}>
          {c.description}
        </Text>
        <Group gap={6}>
          <Badge size="xs" variant="light">
            {t(`workflowEnums.complaintStatus.${c.status}`)}
          </Badge>
          {c.deadlineBreached && (
            <Badge size="xs" color="red">
              {t('timeline.breached')}
            </Badge>
          )}
          <Anchor component={Link} to={`/complaints/${c.id}`} size="xs">
            {t('timeline.openComplaint')}
          </Anchor>
        </Group>
      </Stack>
    );
  }
  if (e.promise) {
    const p = e.promise;
    return (
      <Stack gap={2}>
        <Text size="sm">{p.description}</Text>
        <Group gap={6}>
          <Badge size="xs" variant="light" color={p.overdue ? 'red' : promiseColor[p.status]}>
            {p.overdue ? t('timeline.promiseOverdue') : t(`workflowEnums.promiseStatus.${p.status}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('timeline.promiseDue', { when: f.date(p.dueAt), owner: p.owner.name })}
          </Text>
        </Group>
        <PromiseActions p={p} canEdit={canEdit} />
      </Stack>
    );
  }
  if (e.alert) {
    const a = e.alert;
    return (
      <Stack gap={2}>
        <Text size="sm">{t('timeline.alertScore', { score: a.scoreAfter, level: t(`enums.riskLevel.${a.levelAfter}`) })}</Text>
        {a.reasons.slice(0, 3).map((r) => (
          <Text key={r.key} size="xs" c="dimmed">
            · {r.text}
          </Text>
        ))}
      </Stack>
    );
  }
  return null;
}

function entryTitle(e: Entry, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (e.interaction)
    return t('timeline.interaction', {
      channel: t(`workflowEnums.channel.${e.interaction.channel}`),
      direction: t(`workflowEnums.direction.${e.interaction.direction}`),
      who: e.interaction.user?.name ?? t('timeline.someone'),
    });
  if (e.stageChange)
    return t('timeline.stageChange', {
      from: e.stageChange.fromStage ? t(`enums.stage.${e.stageChange.fromStage}`) : '—',
      to: t(`enums.stage.${e.stageChange.toStage}`),
    });
  if (e.complaint)
    return t('timeline.complaint', { severity: t(`workflowEnums.severity.${e.complaint.severity}`), category: t(`workflowEnums.category.${e.complaint.category}`) });
  if (e.promise) return t('timeline.promise');
  if (e.alert) return t(`workflowEnums.alertKind.${e.alert.kind}`);
  return t(`workflowEnums.timelineKind.${e.kind}`);
}

function bulletOf(e: Entry): { icon: Icon; color: string } {
  if (e.interaction) return { icon: channelIcon[e.interaction.channel], color: kindColor.INTERACTION };
  if (e.alert) return { icon: kindIcon.ALERT, color: riskColor[e.alert.levelAfter] };
  return { icon: kindIcon[e.kind], color: kindColor[e.kind] };
}

/** One page of the timeline; reports its end so the next page can follow. */
function TimelinePage({
  customerId,
  after,
  last,
  canEdit,
  onMore,
}: {
  customerId: string;
  after: string | null;
  last: boolean;
  canEdit: boolean;
  onMore: (cursor: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = i18n.language === 'zh' ? 'zh' : 'en';
  const [res, reexecute] = useQuery({ query: CustomerTimelineDocument, variables: { id: customerId, first: PAGE, after, lang } });
  const conn = res.data?.customer?.timeline;
  if (!conn && res.error) return <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!conn) return <LoadingState rows={3} />;
  if (conn.edges.length === 0 && after === null)
    return (
      <Text size="sm" c="dimmed" data-testid="timeline-empty">
        {t('timeline.empty')}
      </Text>
    );
  return (
    <>
      <Timeline bulletSize={28} lineWidth={2} active={-1}>
        {conn.edges.map(({ node: e }) => {
          const b = bulletOf(e);
          return (
            <Timeline.Item
              key={`${e.kind}:${e.id}`}
              data-testid="timeline-entry"
              data-kind={e.kind}
              bullet={
                <ThemeIcon size={28} radius="xl" variant="light" color={b.color} aria-hidden>
                  <b.icon size={16} />
                </ThemeIcon>
              }
              title={
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Text size="sm" fw={600}>
                    {entryTitle(e, t)}
                  </Text>
                  <Text size="xs" c="dimmed" component="time" dateTime={e.at}>
                    {f.dateTime(e.at)}
                  </Text>
                </Group>
              }
            >
              <EntryBody e={e} canEdit={canEdit} />
            </Timeline.Item>
          );
        })}
      </Timeline>
      {last && conn.pageInfo.hasNextPage && conn.pageInfo.endCursor && (
        <Group justify="center" mt="sm">
          <Button variant="default" size="xs" onClick={() => onMore(conn.pageInfo.endCursor!)} data-testid="timeline-more">
            {t('workflow.loadMore')}
          </Button>
        </Group>
      )}
    </>
  );
}

/** The merged history of the relationship, newest first, twenty at a time. */
export function CustomerTimeline({ customerId, canEdit }: { customerId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const onMore = useCallback((c: string) => setCursors((cs) => (cs.includes(c) ? cs : [...cs, c])), []);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="timeline-title" data-testid="timeline">
      <Title order={2} size="h4" mb="md" id="timeline-title">
        {t('timeline.title')}
      </Title>
      {cursors.map((after, i) => (
        <TimelinePage key={after ?? 'first'} customerId={customerId} after={after} last={i === cursors.length - 1} canEdit={canEdit} onMore={onMore} />
      ))}
    </Card>
  );
}
