import { Alert, Button, Group, Input, SegmentedControl, Select, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { CustomerOpenComplaintDocument, type Channel, type ComplaintCategory, type Severity } from '@/gql/graphql';
import { focusFirstError } from '@/lib/forms';
import { useErrorHandler } from '@/lib/use-error-handler';
import { CATEGORIES, CHANNELS, SEVERITY_LEVELS, slaHoursFor } from './workflow-enums';

type Values = { category: ComplaintCategory | null; severity: Severity; channel: Channel; description: string };

/** Opens a complaint for this customer; the response deadline follows the relationship contract's SLA. */
export function OpenComplaintForm({ customerId, slaHours, onDone, onCancel }: { customerId: string; slaHours: number; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const handle = useErrorHandler();
  const [state, open] = useMutation(CustomerOpenComplaintDocument);
  const form = useForm<Values>({
    initialValues: { category: null, severity: 'MEDIUM', channel: 'CALL', description: '' },
    validate: {
      category: (v) => (v ? null : t('validation.required')),
      description: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    const res = await open({ input: { customerId, category: v.category!, severity: v.severity, channel: v.channel, description: v.description.trim() } });
    if (res.error || !res.data) {
      handle(res.error, { form, fields: ['category', 'severity', 'channel', 'description'] });
      return;
    }
    const id = res.data.openComplaint.id;
    notifications.show({
      color: 'teal',
      message: t('newComplaint.opened'),
      'data-testid': 'complaint-opened',
    });
    onDone();
    navigate(`/complaints?c=${id}`);
  }, focusFirstError);
  const due = slaHoursFor(slaHours, form.values.severity);
  return (
    <form onSubmit={submit} noValidate data-testid="complaint-form">
      <Stack>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label={t('newComplaint.category')}
            required
            data={CATEGORIES.map((c) => ({ value: c, label: t(`workflowEnums.category.${c}`) }))}
            {...form.getInputProps('category')}
            data-testid="complaint-category"
          />
          <Select
            label={t('newComplaint.channel')}
            allowDeselect={false}
            data={CHANNELS.map((c) => ({ value: c, label: t(`workflowEnums.channel.${c}`) }))}
            {...form.getInputProps('channel')}
          />
        </SimpleGrid>
        <Input.Wrapper label={t('newComplaint.severity')} required labelElement="div" id="complaint-severity">
          <SegmentedControl
            fullWidth
            aria-labelledby="complaint-severity-label"
            data={SEVERITY_LEVELS.map((s) => ({ value: s, label: t(`workflowEnums.severity.${s}`) }))}
            {...form.getInputProps('severity')}
            data-testid="complaint-severity"
          />
        </Input.Wrapper>
        <Alert variant="light" color={form.values.severity === 'CRITICAL' ? 'red' : 'blue'} icon={<IconClockExclamation />} p="xs">
          {t('newComplaint.deadline', { hours: due })}
          {form.values.severity === 'CRITICAL' ? ` ${t('newComplaint.criticalAlert')}` : ''}
        </Alert>
        <Textarea label={t('newComplaint.description')} required autosize minRows={3} maxLength={5000} {...form.getInputProps('description')} data-testid="complaint-description" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={state.fetching} data-testid="complaint-save">
            {t('newComplaint.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
