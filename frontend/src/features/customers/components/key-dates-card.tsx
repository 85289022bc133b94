import { ActionIcon, Badge, Button, Card, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorState, LoadingState } from '@/components/states';
import { AddKeyDateDocument, CustomerKeyDatesDocument, DeleteKeyDateDocument, type CustomerKeyDatesQuery, type KeyDateKind } from '@/gql/graphql';
import { focusFirstError } from '@/lib/forms';
import { useFormat } from '@/lib/format';
import { useIsMobile } from '@/lib/use-is-mobile';
import { useErrorHandler } from '@/lib/use-error-handler';
import { FESTIVALS, KEY_DATE_KINDS } from './workflow-enums';

type KeyDate = NonNullable<CustomerKeyDatesQuery['customer']>['keyDates'][number];
type Mode = 'GREGORIAN' | 'LUNAR' | 'FESTIVAL';
type Values = { kind: KeyDateKind; label: string; mode: Mode; month: number | string; day: number | string; year: number | string; festival: string | null; notes: string };

export function validateKeyDate(v: Values, t: (k: string, o?: Record<string, unknown>) => string): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.label.trim()) e.label = t('validation.required');
  if (v.mode === 'FESTIVAL') {
    if (!v.festival) e.festival = t('validation.required');
  } else {
    const m = Number(v.month);
    const d = Number(v.day);
    if (v.month === '' || !Number.isInteger(m) || m < 1 || m > 12) e.month = t('validation.between', { min: 1, max: 12 });
    if (v.day === '' || !Number.isInteger(d) || d < 1 || d > (v.mode === 'LUNAR' ? 30 : 31)) e.day = t('validation.between', { min: 1, max: v.mode === 'LUNAR' ? 30 : 31 });
  }
  if (v.year !== '' && (!Number.isInteger(Number(v.year)) || Number(v.year) < 1900 || Number(v.year) > 2200)) e.year = t('validation.between', { min: 1900, max: 2200 });
  return e;
}

function AddKeyDateForm({ customerId, onDone, onCancel }: { customerId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [state, add] = useMutation(AddKeyDateDocument);
  const form = useForm<Values>({
    initialValues: { kind: 'BIRTHDAY', label: '', mode: 'GREGORIAN', month: '', day: '', year: '', festival: null, notes: '' },
    validate: (v) => validateKeyDate(v, t),
  });
  const submit = form.onSubmit(async (v) => {
    const festival = v.mode === 'FESTIVAL';
    const res = await add({
      input: {
        customerId,
        kind: v.kind,
        label: v.label.trim(),
        calendar: v.mode === 'LUNAR' ? 'LUNAR' : 'GREGORIAN',
        month: festival ? null : Number(v.month),
        day: festival ? null : Number(v.day),
        year: v.year === '' ? null : Number(v.year),
        festival: festival ? v.festival : null,
        notes: v.notes.trim() || null,
      },
    });
    if (res.error) {
      handle(res.error, { form, fields: ['kind', 'label', 'month', 'day', 'year', 'festival', 'notes'] });
      return;
    }
    notifications.show({ color: 'teal', message: t('keyDates.added') });
    onDone();
  }, focusFirstError);
  return (
    <form onSubmit={submit} noValidate data-testid="key-date-form">
      <Stack>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label={t('keyDates.kind')}
            allowDeselect={false}
            data={KEY_DATE_KINDS.map((k) => ({ value: k, label: t(`workflowEnums.keyDateKind.${k}`) }))}
            {...form.getInputProps('kind')}
            onChange={(v) => {
              form.setFieldValue('kind', (v ?? 'CUSTOM') as KeyDateKind);
              if (v === 'FESTIVAL') form.setFieldValue('mode', 'FESTIVAL');
            }}
          />
          <TextInput label={t('keyDates.label')} required maxLength={200} {...form.getInputProps('label')} data-testid="key-date-label" />
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="key-date-mode">
            {t('keyDates.calendar')}
          </Text>
          <SegmentedControl
            aria-labelledby="key-date-mode"
            fullWidth
            data={[
              { value: 'GREGORIAN', label: t('workflowEnums.calendar.GREGORIAN') },
              { value: 'LUNAR', label: t('workflowEnums.calendar.LUNAR') },
              { value: 'FESTIVAL', label: t('keyDates.festival') },
            ]}
            {...form.getInputProps('mode')}
          />
        </Stack>
        {form.values.mode === 'FESTIVAL' ? (
          <Select
            label={t('keyDates.festival')}
            required
            data={FESTIVALS.map((x) => ({ value: x, label: t(`keyDates.festivals.${x}`) }))}
            {...form.getInputProps('festival')}
            onChange={(v) => {
              form.setFieldValue('festival', v);
              if (v && !form.values.label.trim()) form.setFieldValue('label', t(`keyDates.festivals.${v}`));
            }}
          />
        ) : (
          <SimpleGrid cols={3}>
            <NumberInput label={t('keyDates.month')} required min={1} max={12} allowDecimal={false} {...form.getInputProps('month')} data-testid="key-date-month" />
            <NumberInput label={t('keyDates.day')} required min={1} max={31} allowDecimal={false} {...form.getInputProps('day')} data-testid="key-date-day" />
            <NumberInput label={t('keyDates.year')} min={1900} max={2200} allowDecimal={false} {...form.getInputProps('year')} />
          </SimpleGrid>
        )}
        {form.values.mode === 'LUNAR' && (
          <Text size="xs" c="dimmed">
            {t('keyDates.lunarHelp')}
          </Text>
        )}
        <Textarea label={t('keyDates.notes')} autosize minRows={2} maxLength={2000} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={state.fetching} data-testid="key-date-save">
            {t('keyDates.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Birthdays, anniversaries, festivals and renewals, each with its next date (lunar dates move every year). */
export function KeyDatesCard({ customerId, canEdit }: { customerId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const handle = useErrorHandler();
  const isMobile = useIsMobile();
  const [res, reexecute] = useQuery({ query: CustomerKeyDatesDocument, variables: { id: customerId } });
  const [delState, del] = useMutation(DeleteKeyDateDocument);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<KeyDate | null>(null);
  const dates = res.data?.customer?.keyDates;
  // Key dates are calendar days (midnight UTC from the API): never shift them into the previous day.
  const day = new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const sorted = dates ? [...dates].sort((a, b) => (a.nextDate ?? '9').localeCompare(b.nextDate ?? '9')) : [];
  const when = (k: KeyDate) => {
    if (k.calendar === 'LUNAR') return t('keyDates.lunarDate', { month: k.month, day: k.day });
    return new Intl.DateTimeFormat(f.locale, { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, k.month - 1, k.day)));
  };
  const confirmDelete = async () => {
    if (!deleting) return;
    const r = await del({ id: deleting.id });
    if (r.error) handle(r.error);
    else {
      notifications.show({ color: 'teal', message: t('keyDates.deleted', { label: deleting.label }) });
      setDeleting(null);
    }
  };
  let body;
  if (!dates && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!dates) body = <LoadingState rows={2} />;
  else if (sorted.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        {t('keyDates.empty')}
      </Text>
    );
  else
    body = (
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {sorted.map((k) => (
          <Group component="li" key={k.id} justify="space-between" wrap="nowrap" gap="xs" align="flex-start" data-testid="key-date">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Group gap={6}>
                <Text size="sm" fw={500}>
                  {k.label}
                </Text>
                <Badge size="xs" variant="light">
                  {t(`workflowEnums.keyDateKind.${k.kind}`)}
                </Badge>
                {k.calendar === 'LUNAR' && (
                  <Badge size="xs" variant="outline" color="red">
                    {t('workflowEnums.calendar.LUNAR')}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {when(k)}
                {k.year ? ` · ${k.year}` : ''}
                {k.nextDate ? ` · ${t('keyDates.next', { when: day.format(new Date(k.nextDate)), relative: f.relative(k.nextDate) })}` : ''}
              </Text>
              {k.notes && (
                <Text size="xs" c="dimmed">
                  {k.notes}
                </Text>
              )}
            </Stack>
            {canEdit && (
              <ActionIcon variant="subtle" color="red" aria-label={t('keyDates.deleteN', { label: k.label })} onClick={() => setDeleting(k)}>
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        ))}
      </Stack>
    );
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="key-dates-title" data-testid="key-dates-card">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="key-dates-title">
          {t('keyDates.title')}
        </Title>
        {canEdit && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} data-testid="add-key-date">
            {t('keyDates.add')}
          </Button>
        )}
      </Group>
      {body}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('keyDates.addTitle')} fullScreen={isMobile} closeButtonProps={{ 'aria-label': t('common.close') }}>
        {adding && <AddKeyDateForm customerId={customerId} onDone={() => setAdding(false)} onCancel={() => setAdding(false)} />}
      </Modal>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('keyDates.deleteTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack>
          <Text size="sm">{t('keyDates.deleteBody', { label: deleting?.label ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => void confirmDelete()} loading={delState.fetching} data-testid="confirm-delete-key-date">
              {t('keyDates.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
