import { Anchor, Badge, Box, Button, Card, Collapse, Group, Modal, Progress, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChevronDown, IconChevronUp, IconPlayerPlay, IconPlayerSkipForward, IconRotate } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { StartWinBackDocument, UpdateWinBackStepDocument, WinBackDocument, WinBackPlaybooksDocument, type WinBackQuery, type WinBackStepFragment } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { focusFirstError } from '@/lib/forms';
import { useErrorHandler } from '@/lib/use-error-handler';

type Entry = WinBackQuery['winBack']['edges'][number]['node'];

const PAGE = 20;
const MAX = 100;

function Steps({ steps, canEdit, onSkip }: { steps: WinBackStepFragment[]; canEdit: boolean; onSkip: (s: WinBackStepFragment) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const handle = useErrorHandler();
  const [, update] = useMutation(UpdateWinBackStepDocument);
  const [busy, setBusy] = useState<string | null>(null);
  const set = async (s: WinBackStepFragment, status: 'DONE' | 'PENDING') => {
    setBusy(s.id);
    const r = await update({ id: s.id, version: s.version, input: { status } });
    setBusy(null);
    if (r.error) handle(r.error);
  };
  return (
    <Stack gap={6} component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="win-back-steps">
      {[...steps]
        .sort((a, b) => a.position - b.position)
        .map((s, i) => (
          <Group component="li" key={s.id} justify="space-between" wrap="wrap" gap="xs" data-testid="win-back-step" data-status={s.status}>
            <Stack gap={0} style={{ minWidth: 0, flex: '1 1 220px' }}>
              <Text size="sm" td={s.status === 'SKIPPED' ? 'line-through' : undefined}>
                {i + 1}. {s.title}
              </Text>
              <Text size="xs" c={s.overdue ? 'red' : 'dimmed'}>
                {[t(`workflowEnums.stepStatus.${s.status}`), s.assignee?.name, t('remediation.dueOn', { when: f.date(s.dueAt) })].filter(Boolean).join(' · ')}
                {s.status === 'SKIPPED' && s.skipReason ? ` · ${s.skipReason}` : ''}
              </Text>
            </Stack>
            {canEdit &&
              (s.status === 'PENDING' ? (
                <Group gap={4}>
                  <Button size="compact-xs" leftSection={<IconCheck size={12} />} loading={busy === s.id} onClick={() => void set(s, 'DONE')}>
                    {t('remediation.markDone')}
                  </Button>
                  <Button size="compact-xs" variant="light" color="yellow" leftSection={<IconPlayerSkipForward size={12} />} onClick={() => onSkip(s)}>
                    {t('remediation.skip')}
                  </Button>
                </Group>
              ) : (
                <Button size="compact-xs" variant="subtle" leftSection={<IconRotate size={12} />} loading={busy === s.id} onClick={() => void set(s, 'PENDING')}>
                  {t('remediation.reopen')}
                </Button>
              ))}
          </Group>
        ))}
    </Stack>
  );
}

function EntryCard({ e, canEdit, playbookId, onSkip }: { e: Entry; canEdit: boolean; playbookId: string | null; onSkip: (s: WinBackStepFragment) => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const handle = useErrorHandler();
  const [open, setOpen] = useState(false);
  const [startState, start] = useMutation(StartWinBackDocument);
  const pct = e.stepsTotal ? Math.round((e.stepsDone / e.stepsTotal) * 100) : 0;
  const reason = e.lossReason ? (i18n.exists(`lossReasons.${e.lossReason.code}`) ? t(`lossReasons.${e.lossReason.code}`) : e.lossReason.label) : t('winBack.noReason');
  const begin = async () => {
    if (!playbookId) return;
    const r = await start({ playbookId, customerId: e.customer.id });
    if (r.error) handle(r.error);
    else {
      setOpen(true);
      notifications.show({ color: 'teal', message: t('winBack.started', { name: e.customer.name }) });
    }
  };
  return (
    <Card withBorder radius="md" padding="md" data-testid="win-back-entry">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Anchor component={Link} to={`/customers/${e.customer.id}`} fw={600}>
            {e.customer.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {[e.customer.company, e.customer.owner.name].filter(Boolean).join(' · ')}
          </Text>
          <Group gap={6} mt={4}>
            <Badge variant="light" color="red">
              {reason}
            </Badge>
            <Text size="xs" c="dimmed">
              {t('winBack.lostOn', { when: f.date(e.lostAt) })}
            </Text>
            {e.customer.stage === 'WON_BACK' && (
              <Badge color="grape" variant="filled">
                {t('enums.stage.WON_BACK')}
              </Badge>
            )}
          </Group>
        </Stack>
        <Stack gap={4} miw={160} style={{ flex: '0 1 220px' }}>
          {e.stepsTotal > 0 ? (
            <>
              <Text size="xs" c="dimmed" data-testid="win-back-progress">
                {t('winBack.progress', { done: e.stepsDone, total: e.stepsTotal })}
              </Text>
              <Progress value={pct} color={pct === 100 ? 'teal' : 'cyan'} aria-label={t('winBack.progress', { done: e.stepsDone, total: e.stepsTotal })} />
              <Button
                size="compact-xs"
                variant="subtle"
                rightSection={open ? <IconChevronUp size={12} /> : <IconChevronDown size={12} />}
                onClick={() => setOpen((o) => !o)}
                aria-expanded={open}
              >
                {open ? t('winBack.hideSteps') : t('winBack.showSteps')}
              </Button>
            </>
          ) : canEdit && playbookId ? (
            <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} onClick={() => void begin()} loading={startState.fetching} data-testid="start-win-back">
              {t('winBack.start')}
            </Button>
          ) : (
            <Text size="xs" c="dimmed">
              {t('winBack.noPlan')}
            </Text>
          )}
        </Stack>
      </Group>
      <Collapse expanded={open && e.customer.winBackSteps.length > 0}>
        <Box mt="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Steps steps={e.customer.winBackSteps} canEdit={canEdit} onSkip={onSkip} />
        </Box>
      </Collapse>
    </Card>
  );
}

/** Lost customers, most recently lost first, with their loss reason and win-back checklist. */
export function WinBackList({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [first, setFirst] = useState(PAGE);
  const [res, reexecute] = useQuery({ query: WinBackDocument, variables: { first } });
  const [pbs] = useQuery({ query: WinBackPlaybooksDocument, pause: !canEdit });
  const playbookId = pbs.data?.playbooks.find((p) => p.purpose === 'WIN_BACK')?.id ?? null;
  const [skipping, setSkipping] = useState<WinBackStepFragment | null>(null);
  const [skipState, update] = useMutation(UpdateWinBackStepDocument);
  const form = useForm({ initialValues: { skipReason: '' }, validate: { skipReason: (v) => (v.trim() ? null : t('remediation.skipReasonRequired')) } });
  const submitSkip = form.onSubmit(async (v) => {
    if (!skipping) return;
    const r = await update({ id: skipping.id, version: skipping.version, input: { status: 'SKIPPED', skipReason: v.skipReason.trim() } });
    if (r.error) handle(r.error, { form, fields: ['skipReason'] });
    else setSkipping(null);
  }, focusFirstError);

  const conn = res.data?.winBack;
  let body;
  if (!conn && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!conn) body = <LoadingState rows={5} />;
  else if (conn.edges.length === 0) body = <EmptyState title={t('winBack.emptyTitle')} description={t('winBack.emptyBody')} />;
  else
    body = (
      <Stack gap="sm" data-testid="win-back-list">
        {conn.edges.map(({ node }) => (
          <EntryCard
            key={node.customer.id}
            e={node}
            canEdit={canEdit}
            playbookId={playbookId}
            onSkip={(s) => {
              form.reset();
              setSkipping(s);
            }}
          />
        ))}
        {conn.pageInfo.hasNextPage && first < MAX && (
          <Group justify="center">
            <Button variant="default" onClick={() => setFirst((n) => Math.min(MAX, n + PAGE))} loading={res.fetching}>
              {t('workflow.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  return (
    <>
      {body}
      <Modal opened={skipping !== null} onClose={() => setSkipping(null)} title={t('remediation.skipTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {skipping && (
          <form onSubmit={submitSkip} noValidate>
            <Stack>
              <Text size="sm">{skipping.title}</Text>
              <Textarea label={t('remediation.fields.skipReason')} required autosize minRows={2} maxLength={1000} {...form.getInputProps('skipReason')} data-autofocus />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setSkipping(null)}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" color="yellow" loading={skipState.fetching}>
                  {t('remediation.skip')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
