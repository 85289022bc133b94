import { ActionIcon, Badge, Button, Card, Drawer, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { ConflictAlert } from '@/components/conflict-alert';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { PlaybooksDocument, UpdatePlaybookDocument, type AssigneeRole, type PlaybookEditableFragment, type StepKind } from '@/gql/graphql';
import { focusFirstError } from '@/lib/forms';
import { useErrorHandler } from '@/lib/use-error-handler';
import { useIsMobile } from '@/lib/use-is-mobile';

export const ASSIGNEE_ROLES: AssigneeRole[] = ['OWNER', 'MANAGER', 'SERVICE'];
export const PLAYBOOK_STEP_KINDS: StepKind[] = [
  'APOLOGISE',
  'ASK_REMEDY',
  'COMPENSATE',
  'ESCALATE',
  'CORRECT',
  'CARE',
  'ACCOUNTABILITY',
  'CONTACT',
  'LISTEN',
  'PLAN',
  'FULFIL',
  'FIX_DEFECT',
  'OTHER',
];
export const MAX_STEPS = 30;

type StepRow = { key: number; kind: StepKind; title: string; dueOffsetHours: number | string; defaultAssigneeRole: AssigneeRole };
type Values = { name: string; steps: StepRow[] };

let nextKey = 1;
const toValues = (p: PlaybookEditableFragment): Values => ({
  name: p.name,
  steps: [...p.steps].sort((a, b) => a.position - b.position).map((s) => ({ key: nextKey++, kind: s.kind, title: s.title, dueOffsetHours: s.dueOffsetHours, defaultAssigneeRole: s.defaultAssigneeRole })),
});

/** "2 h", "3 d", "2 w" — how long after the start a step is due. */
function useOffsetLabel() {
  const { t } = useTranslation();
  return (h: number) => (h % 168 === 0 && h > 0 ? t('playbooks.offsetWeeks', { count: h / 168 }) : h % 24 === 0 && h > 0 ? t('playbooks.offsetDays', { count: h / 24 }) : t('playbooks.offsetHours', { count: h }));
}

function PlaybookEditor({ playbook, onDone, onReload }: { playbook: PlaybookEditableFragment; onDone: () => void; onReload: () => Promise<PlaybookEditableFragment | undefined> }) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [state, save] = useMutation(UpdatePlaybookDocument);
  const [version, setVersion] = useState(playbook.version);
  const [conflict, setConflict] = useState(false);
  const form = useForm<Values>({
    initialValues: toValues(playbook),
    validate: (v) => {
      const e: Record<string, string> = {};
      if (!v.name.trim()) e.name = t('validation.required');
      if (v.steps.length === 0) e.steps = t('playbooks.needStep');
      v.steps.forEach((s, i) => {
        if (!s.title.trim()) e[`steps.${i}.title`] = t('validation.required');
        const h = Number(s.dueOffsetHours);
        if (s.dueOffsetHours === '' || !Number.isInteger(h) || h < 0 || h > 8760) e[`steps.${i}.dueOffsetHours`] = t('validation.between', { min: 0, max: 8760 });
      });
      return e;
    },
  });
  const steps = form.values.steps;
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= steps.length) return;
    form.reorderListItem('steps', { from: i, to: j });
  };
  const submit = form.onSubmit(async (v) => {
    setConflict(false);
    const res = await save({
      id: playbook.id,
      version,
      name: v.name.trim(),
      steps: v.steps.map((s) => ({ kind: s.kind, title: s.title.trim(), dueOffsetHours: Number(s.dueOffsetHours), defaultAssigneeRole: s.defaultAssigneeRole })),
    });
    if (res.error) {
      const fields = ['name', 'steps', ...v.steps.flatMap((_, i) => ['kind', 'title', 'dueOffsetHours', 'defaultAssigneeRole'].map((f) => `steps.${i}.${f}`))];
      handle(res.error, { form, fields, onConflict: () => setConflict(true) });
      return;
    }
    notifications.show({ color: 'teal', message: t('playbooks.saved', { name: v.name.trim() }) });
    onDone();
  }, focusFirstError);
  const reload = async () => {
    const latest = await onReload();
    if (latest) {
      form.setValues(toValues(latest));
      setVersion(latest.version);
    }
    setConflict(false);
  };
  return (
    <form onSubmit={submit} noValidate data-testid="playbook-editor">
      <Stack>
        {conflict && <ConflictAlert onReload={() => void reload()} onDismiss={() => setConflict(false)} />}
        <TextInput label={t('playbooks.name')} required maxLength={200} {...form.getInputProps('name')} />
        <Text size="sm" c="dimmed">
          {t('playbooks.stepsHelp')}
        </Text>
        {form.errors.steps && (
          <Text size="sm" c="red" role="alert">
            {form.errors.steps}
          </Text>
        )}
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {steps.map((s, i) => (
            <Card key={s.key} component="li" withBorder radius="md" padding="sm" data-testid="playbook-step-row" role="group" aria-label={t('playbooks.stepN', { n: i + 1 })}>
              <Group justify="space-between" mb="xs" wrap="nowrap">
                <Text fw={600} size="sm">
                  {t('playbooks.stepN', { n: i + 1 })}
                </Text>
                <Group gap={2} wrap="nowrap">
                  <ActionIcon variant="subtle" color="gray" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('remediation.moveUpN', { n: i + 1 })}>
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="gray" disabled={i === steps.length - 1} onClick={() => move(i, 1)} aria-label={t('remediation.moveDownN', { n: i + 1 })}>
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="red" onClick={() => form.removeListItem('steps', i)} aria-label={t('playbooks.removeStepN', { n: i + 1 })}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Group>
              <Stack gap="xs">
                <TextInput label={t('playbooks.stepTitle')} required maxLength={200} {...form.getInputProps(`steps.${i}.title`)} />
                <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
                  <Select
                    label={t('playbooks.kind')}
                    allowDeselect={false}
                    data={PLAYBOOK_STEP_KINDS.map((k) => ({ value: k, label: t(`workflowEnums.stepKind.${k}`) }))}
                    {...form.getInputProps(`steps.${i}.kind`)}
                  />
                  <NumberInput label={t('playbooks.dueOffset')} min={0} max={8760} allowDecimal={false} suffix=" h" {...form.getInputProps(`steps.${i}.dueOffsetHours`)} />
                  <Select
                    label={t('playbooks.assignee')}
                    allowDeselect={false}
                    data={ASSIGNEE_ROLES.map((r) => ({ value: r, label: t(`workflowEnums.assigneeRole.${r}`) }))}
                    {...form.getInputProps(`steps.${i}.defaultAssigneeRole`)}
                  />
                </SimpleGrid>
              </Stack>
            </Card>
          ))}
        </Stack>
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            disabled={steps.length >= MAX_STEPS}
            onClick={() => form.insertListItem('steps', { key: nextKey++, kind: 'OTHER', title: '', dueOffsetHours: 24, defaultAssigneeRole: 'OWNER' })}
            data-testid="playbook-add-step"
          >
            {t('playbooks.addStep')}
          </Button>
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={state.fetching} data-testid="playbook-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The remediation and win-back playbooks: ordered step templates (leaders edit). */
export function PlaybooksSettings({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const isMobile = useIsMobile();
  const offset = useOffsetLabel();
  const [res, reexecute] = useQuery({ query: PlaybooksDocument });
  const [editing, setEditing] = useState<PlaybookEditableFragment | null>(null);
  const list = res.data?.playbooks;
  let body;
  if (!list && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!list) body = <LoadingState rows={4} />;
  else if (list.length === 0) body = <EmptyState title={t('playbooks.emptyTitle')} />;
  else
    body = (
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {list.map((p) => (
          <Card key={p.id} withBorder radius="md" padding="lg" data-testid="playbook">
            <Group justify="space-between" align="flex-start" wrap="nowrap" mb="sm">
              <div style={{ minWidth: 0 }}>
                <Title order={2} size="h4">
                  {p.name}
                </Title>
                <Badge variant="light" mt={4}>
                  {p.purpose === 'WIN_BACK' ? t('playbooks.purposeWinBack') : t('playbooks.purposeRecovery')}
                </Badge>
              </div>
              {canManage && (
                <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} onClick={() => setEditing(p)} aria-label={t('playbooks.editTitle', { name: p.name })} data-testid="edit-playbook">
                  {t('common.edit')}
                </Button>
              )}
            </Group>
            <Stack gap={6} component="ol" style={{ margin: 0, paddingInlineStart: 20 }}>
              {[...p.steps]
                .sort((a, b) => a.position - b.position)
                .map((s) => (
                  <li key={s.position}>
                    <Text size="sm">{s.title}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`workflowEnums.stepKind.${s.kind}`)} · {t(`workflowEnums.assigneeRole.${s.defaultAssigneeRole}`)} · {t('playbooks.dueAfter', { offset: offset(s.dueOffsetHours) })}
                    </Text>
                  </li>
                ))}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    );
  return (
    <>
      <Text size="sm" c="dimmed" mb="md" maw={720}>
        {t('playbooks.intro')}
      </Text>
      {body}
      <Drawer
        opened={editing !== null}
        onClose={() => setEditing(null)}
        position="right"
        size={isMobile ? '100%' : 'xl'}
        title={editing ? t('playbooks.editTitle', { name: editing.name }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing && (
          <PlaybookEditor
            key={editing.id}
            playbook={editing}
            onDone={() => setEditing(null)}
            onReload={async () => {
              const r = await client.query(PlaybooksDocument, {}, { requestPolicy: 'network-only' }).toPromise();
              return r.data?.playbooks.find((x) => x.id === editing.id);
            }}
          />
        )}
      </Drawer>
    </>
  );
}
