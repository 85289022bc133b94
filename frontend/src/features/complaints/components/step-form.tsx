import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { StepKind } from '@/gql/graphql';
import { fromInput, inputIn, toDateTimeInput } from '@/lib/date-input';
import { focusFirstError } from '@/lib/forms';
import type { FieldErrorTarget } from '@/lib/use-error-handler';
import { STEP_KINDS } from '../utils/complaint-rules';

export type StepValues = { kind: StepKind; title: string; assigneeId: string | null; dueAt: string; cost: number | string; notes: string };
export type StepSubmit = { kind: StepKind; title: string; assigneeId: string | null; dueAt: string; cost: number; notes: string };
export const STEP_FIELDS = ['kind', 'title', 'assigneeId', 'dueAt', 'cost', 'notes'] as const;

/**
 * Adds a step, or edits one (kind and title are fixed once created: the API
 * edits assignee, due date, cost and notes).
 */
export function StepForm({
  initial,
  people,
  editing,
  onSubmit,
  onCancel,
  busy,
}: {
  initial?: Partial<{ kind: StepKind; title: string; assigneeId: string | null; dueAt: string; cost: number; notes: string }>;
  people: { value: string; label: string }[];
  editing?: boolean;
  onSubmit: (v: StepSubmit, form: FieldErrorTarget) => Promise<void>;
  onCancel: () => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const form = useForm<StepValues>({
    initialValues: {
      kind: initial?.kind ?? 'OTHER',
      title: initial?.title ?? '',
      assigneeId: initial?.assigneeId ?? null,
      dueAt: initial?.dueAt ? toDateTimeInput(initial.dueAt) : inputIn(24),
      cost: initial?.cost ?? 0,
      notes: initial?.notes ?? '',
    },
    validate: (v) => {
      const e: Record<string, string> = {};
      if (!v.title.trim()) e.title = t('validation.required');
      if (!fromInput(v.dueAt)) e.dueAt = t('validation.required');
      if (v.cost !== '' && (!Number.isFinite(Number(v.cost)) || Number(v.cost) < 0)) e.cost = t('validation.notNegative');
      return e;
    },
  });
  const submit = form.onSubmit(
    (v) =>
      onSubmit(
        { kind: v.kind, title: v.title.trim(), assigneeId: v.assigneeId, dueAt: fromInput(v.dueAt)!, cost: v.cost === '' ? 0 : Number(v.cost), notes: v.notes.trim() },
        form,
      ),
    focusFirstError,
  );
  return (
    <form onSubmit={submit} noValidate data-testid="step-form">
      <Stack>
        {!editing && (
          <>
            <Select
              label={t('remediation.fields.kind')}
              required
              allowDeselect={false}
              data={STEP_KINDS.map((k) => ({ value: k, label: t(`workflowEnums.stepKind.${k}`) }))}
              {...form.getInputProps('kind')}
            />
            <TextInput label={t('remediation.fields.title')} required maxLength={200} {...form.getInputProps('title')} data-testid="step-title-input" />
          </>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select label={t('remediation.fields.assignee')} placeholder={t('remediation.defaultAssignee')} data={people} clearable searchable {...form.getInputProps('assigneeId')} />
          <TextInput type="datetime-local" label={t('remediation.fields.dueAt')} required {...form.getInputProps('dueAt')} />
        </SimpleGrid>
        <NumberInput label={t('remediation.fields.cost')} description={t('remediation.costHelp')} min={0} thousandSeparator="," decimalScale={2} {...form.getInputProps('cost')} />
        <Textarea label={t('remediation.fields.notes')} autosize minRows={2} maxLength={5000} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="step-save">
            {editing ? t('common.save') : t('remediation.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
