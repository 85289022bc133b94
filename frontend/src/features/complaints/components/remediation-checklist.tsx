import { ActionIcon, Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconCheck, IconEdit, IconPlayerSkipForward, IconPlus, IconRotate } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import {
  AddRemediationStepDocument,
  ReorderRemediationStepsDocument,
  UpdateRemediationStepDocument,
  type RemediationStepItemFragment,
  type StepStatus,
  type UpdateStepInput,
} from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { focusFirstError } from '@/lib/forms';
import { useErrorHandler, type FieldErrorTarget } from '@/lib/use-error-handler';
import { useIsMobile } from '@/lib/use-is-mobile';
import { StepStatusBadge } from './complaint-badges';
import { STEP_FIELDS, StepForm, type StepSubmit } from './step-form';

type Step = RemediationStepItemFragment;

/** Moves the step at `index` by `delta` places; the ids in their new order. */
export function moveStep(ids: string[], index: number, delta: -1 | 1): string[] {
  const j = index + delta;
  if (j < 0 || j >= ids.length) return ids;
  const next = [...ids];
  [next[index], next[j]] = [next[j], next[index]];
  return next;
}

/**
 * The remediation checklist of a complaint: each step with its assignee, due
 * date, status, cost and notes; mark done, skip with a reason, edit, add,
 * and reorder with up/down buttons. The total cost is the complaint's.
 */
export function RemediationChecklist({
  complaintId,
  steps,
  totalCost,
  canEdit,
  people,
  onReload,
}: {
  complaintId: string;
  steps: Step[];
  totalCost: number;
  canEdit: boolean;
  people: { value: string; label: string }[];
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const handle = useErrorHandler();
  const isMobile = useIsMobile();
  const ordered = useMemo(() => [...steps].sort((a, b) => a.position - b.position), [steps]);
  const [, add] = useMutation(AddRemediationStepDocument);
  const [, update] = useMutation(UpdateRemediationStepDocument);
  const [reorderState, reorder] = useMutation(ReorderRemediationStepsDocument);
  const [busy, setBusy] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Step | null>(null);
  const [skipping, setSkipping] = useState<Step | null>(null);
  const skipForm = useForm({ initialValues: { skipReason: '' }, validate: { skipReason: (v) => (v.trim() ? null : t('remediation.skipReasonRequired')) } });

  const onConflict = () => {
    notifications.show({ color: 'orange', title: t('errors.conflictTitle'), message: t('remediation.conflict') });
    onReload();
  };
  const change = async (step: Step, input: UpdateStepInput, form?: FieldErrorTarget, fields?: readonly string[]) => {
    setBusy(step.id);
    const res = await update({ id: step.id, version: step.version, input });
    setBusy(null);
    if (res.error) {
      handle(res.error, { form, fields, onConflict });
      return false;
    }
    return true;
  };
  const move = async (index: number, delta: -1 | 1) => {
    const ids = moveStep(
      ordered.map((s) => s.id),
      index,
      delta,
    );
    const res = await reorder({ stepIds: ids });
    if (res.error) handle(res.error);
    else {
      const s = ordered[index];
      notifications.show({ color: 'teal', message: t('remediation.moved', { title: s.title, position: index + delta + 1 }) });
    }
  };
  const submitAdd = async (v: StepSubmit, form: FieldErrorTarget) => {
    setBusy('new');
    const res = await add({ input: { complaintId, kind: v.kind, title: v.title, assigneeId: v.assigneeId, dueAt: v.dueAt, cost: v.cost, notes: v.notes } });
    setBusy(null);
    if (res.error) handle(res.error, { form, fields: STEP_FIELDS });
    else setAdding(false);
  };
  const submitEdit = async (v: StepSubmit, form: FieldErrorTarget) => {
    if (!editing) return;
    if (await change(editing, { assigneeId: v.assigneeId, dueAt: v.dueAt, cost: v.cost, notes: v.notes }, form, STEP_FIELDS)) setEditing(null);
  };
  const submitSkip = skipForm.onSubmit(async (v) => {
    if (skipping && (await change(skipping, { status: 'SKIPPED', skipReason: v.skipReason.trim() }, skipForm, ['skipReason']))) setSkipping(null);
  }, focusFirstError);
  const setStatus = (s: Step, status: StepStatus) => void change(s, { status });
  const done = ordered.filter((s) => s.status !== 'PENDING').length;

  return (
    <section aria-labelledby={`steps-${complaintId}`} data-testid="remediation-checklist">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={3} size="h5" id={`steps-${complaintId}`}>
          {t('remediation.title')}
        </Title>
        <Group gap="xs">
          <Badge variant="light" color="gray" data-testid="steps-progress">
            {t('remediation.progress', { done, total: ordered.length })}
          </Badge>
          <Badge variant="light" color="grape" data-testid="total-cost">
            {t('remediation.totalCost', { cost: f.money(totalCost) })}
          </Badge>
        </Group>
      </Group>
      {ordered.length === 0 && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('remediation.empty')}
        </Text>
      )}
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {ordered.map((s, i) => (
          <Paper key={s.id} component="li" withBorder radius="md" p="sm" data-testid="remediation-step" data-status={s.status} aria-busy={busy === s.id}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Group gap={6} mb={2}>
                  <Text size="xs" c="dimmed" fw={600}>
                    {i + 1}.
                  </Text>
                  <Badge size="xs" variant="outline" color="gray">
                    {t(`workflowEnums.stepKind.${s.kind}`)}
                  </Badge>
                  <StepStatusBadge status={s.status} size="xs" />
                </Group>
                <Text size="sm" fw={500} td={s.status === 'SKIPPED' ? 'line-through' : undefined} data-testid="step-title">
                  {s.title}
                </Text>
                <Text size="xs" c={s.overdue ? 'red' : 'dimmed'}>
                  {[
                    s.assignee?.name ?? t('remediation.unassigned'),
                    s.overdue ? t('remediation.overdueSince', { when: f.dateTime(s.dueAt) }) : t('remediation.dueOn', { when: f.dateTime(s.dueAt) }),
                    s.cost > 0 ? f.money(s.cost) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
                {s.status === 'SKIPPED' && s.skipReason && (
                  <Text size="xs" c="yellow.9">
                    {t('remediation.skippedBecause', { reason: s.skipReason })}
                  </Text>
                )}
                {s.notes && (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                    {s.notes}
                  </Text>
                )}
              </div>
              {canEdit && (
                <Group gap={2} wrap="nowrap">
                  <Tooltip label={t('remediation.moveUp')}>
                    <ActionIcon variant="subtle" color="gray" disabled={i === 0 || reorderState.fetching} onClick={() => void move(i, -1)} aria-label={t('remediation.moveUpN', { n: i + 1 })}>
                      <IconArrowUp size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('remediation.moveDown')}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      disabled={i === ordered.length - 1 || reorderState.fetching}
                      onClick={() => void move(i, 1)}
                      aria-label={t('remediation.moveDownN', { n: i + 1 })}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              )}
            </Group>
            {canEdit && (
              <Group gap="xs" mt="xs">
                {s.status === 'PENDING' ? (
                  <>
                    <Button size="compact-sm" leftSection={<IconCheck size={14} />} onClick={() => setStatus(s, 'DONE')} loading={busy === s.id} data-testid="step-done">
                      {t('remediation.markDone')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="light"
                      color="yellow"
                      leftSection={<IconPlayerSkipForward size={14} />}
                      onClick={() => {
                        skipForm.reset();
                        setSkipping(s);
                      }}
                      data-testid="step-skip"
                    >
                      {t('remediation.skip')}
                    </Button>
                  </>
                ) : (
                  <Button size="compact-sm" variant="subtle" leftSection={<IconRotate size={14} />} onClick={() => setStatus(s, 'PENDING')} loading={busy === s.id}>
                    {t('remediation.reopen')}
                  </Button>
                )}
                <Button size="compact-sm" variant="subtle" color="gray" leftSection={<IconEdit size={14} />} onClick={() => setEditing(s)} aria-label={t('remediation.editN', { title: s.title })}>
                  {t('common.edit')}
                </Button>
              </Group>
            )}
          </Paper>
        ))}
      </Stack>
      {canEdit && (
        <Button mt="sm" variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="add-step">
          {t('remediation.add')}
        </Button>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('remediation.addTitle')} fullScreen={isMobile} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {adding && <StepForm people={people} onSubmit={submitAdd} onCancel={() => setAdding(false)} busy={busy === 'new'} />}
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('remediation.editTitle')} fullScreen={isMobile} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {editing && (
          <StepForm
            editing
            initial={{ ...editing, assigneeId: editing.assignee?.id ?? null }}
            people={people}
            onSubmit={submitEdit}
            onCancel={() => setEditing(null)}
            busy={busy === editing.id}
          />
        )}
      </Modal>
      <Modal opened={skipping !== null} onClose={() => setSkipping(null)} title={t('remediation.skipTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {skipping && (
          <form onSubmit={submitSkip} noValidate data-testid="skip-form">
            <Stack>
              <Text size="sm">{skipping.title}</Text>
              <Textarea label={t('remediation.fields.skipReason')} required autosize minRows={2} maxLength={1000} {...skipForm.getInputProps('skipReason')} data-testid="skip-reason" data-autofocus />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setSkipping(null)}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" color="yellow" loading={busy === skipping.id} data-testid="confirm-skip">
                  {t('remediation.skip')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </section>
  );
}
