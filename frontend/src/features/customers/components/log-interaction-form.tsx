import { Button, Checkbox, Chip, Collapse, Group, Input, NumberInput, Select, SegmentedControl, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { LogInteractionDocument, type Channel, type Direction } from '@/gql/graphql';
import { fromInput, toDateInput, toDateTimeInput } from '@/lib/date-input';
import { focusFirstError } from '@/lib/forms';
import { useErrorHandler } from '@/lib/use-error-handler';
import { CHANNELS, DIRECTIONS, SENTIMENTS } from './workflow-enums';

export type InteractionValues = {
  channel: Channel;
  direction: Direction;
  occurredAt: string;
  summary: string;
  sentiment: string;
  competitor: string;
  giftValue: number | string;
  giftFeedback: string;
  nextStep: string;
  nextStepDueAt: string;
  durationMinutes: number | string;
  withPromise: boolean;
  promise: { description: string; dueAt: string };
};

const FIELDS = [
  'channel',
  'direction',
  'occurredAt',
  'summary',
  'sentiment',
  'competitor',
  'giftValue',
  'giftFeedback',
  'nextStep',
  'nextStepDueAt',
  'durationMinutes',
  'promise.description',
  'promise.dueAt',
] as const;

/** Client-side checks mirroring interaction.go. */
export function validateInteraction(v: InteractionValues, t: (k: string, o?: Record<string, unknown>) => string): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.summary.trim()) e.summary = t('validation.required');
  if (!fromInput(v.occurredAt)) e.occurredAt = t('validation.required');
  else if (Date.parse(fromInput(v.occurredAt)!) > Date.now() + 86_400_000) e.occurredAt = t('interaction.notFuture');
  if (v.giftValue !== '' && (!Number.isFinite(Number(v.giftValue)) || Number(v.giftValue) < 0)) e.giftValue = t('validation.notNegative');
  if (v.durationMinutes !== '' && (!Number.isInteger(Number(v.durationMinutes)) || Number(v.durationMinutes) < 0 || Number(v.durationMinutes) > 1440))
    e.durationMinutes = t('validation.between', { min: 0, max: 1440 });
  if (v.withPromise) {
    if (!v.promise.description.trim()) e['promise.description'] = t('validation.required');
    if (!fromInput(v.promise.dueAt)) e['promise.dueAt'] = t('validation.required');
  }
  return e;
}

/** Logs a call, visit, message… with the customer's mood, competitor mentions, gifts, the next step and an optional promise. */
export function LogInteractionForm({ customerId, onDone, onCancel }: { customerId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [state, log] = useMutation(LogInteractionDocument);
  const form = useForm<InteractionValues>({
    initialValues: {
      channel: 'CALL',
      direction: 'OUTBOUND',
      occurredAt: toDateTimeInput(new Date()),
      summary: '',
      sentiment: '',
      competitor: '',
      giftValue: '',
      giftFeedback: '',
      nextStep: '',
      nextStepDueAt: '',
      durationMinutes: '',
      withPromise: false,
      promise: { description: '', dueAt: toDateInput(new Date(Date.now() + 7 * 86_400_000)) },
    },
    validate: (v) => validateInteraction(v, t),
  });
  const submit = form.onSubmit(async (v) => {
    const res = await log({
      input: {
        customerId,
        channel: v.channel,
        direction: v.direction,
        occurredAt: fromInput(v.occurredAt),
        summary: v.summary.trim(),
        sentiment: v.sentiment === '' ? null : Number(v.sentiment),
        competitor: v.competitor.trim() || null,
        giftValue: v.giftValue === '' ? null : Number(v.giftValue),
        giftFeedback: v.giftFeedback.trim() || null,
        nextStep: v.nextStep.trim() || null,
        nextStepDueAt: fromInput(v.nextStepDueAt),
        durationMinutes: v.durationMinutes === '' ? null : Number(v.durationMinutes),
        promise: v.withPromise ? { description: v.promise.description.trim(), dueAt: fromInput(v.promise.dueAt)! } : null,
      },
    });
    if (res.error) {
      handle(res.error, { form, fields: FIELDS });
      return;
    }
    notifications.show({ color: 'teal', message: t('interaction.logged') });
    onDone();
  }, focusFirstError);
  const showGift = form.values.channel === 'GIFT' || form.values.giftValue !== '' || form.values.giftFeedback !== '';
  return (
    <form onSubmit={submit} noValidate data-testid="interaction-form">
      <Stack>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label={t('interaction.channel')}
            required
            allowDeselect={false}
            data={CHANNELS.map((c) => ({ value: c, label: t(`workflowEnums.channel.${c}`) }))}
            {...form.getInputProps('channel')}
            data-testid="interaction-channel"
          />
          <Input.Wrapper label={t('interaction.direction')} labelElement="div" id="interaction-direction">
            <SegmentedControl
              fullWidth
              aria-labelledby="interaction-direction-label"
              data={DIRECTIONS.map((d) => ({ value: d, label: t(`workflowEnums.direction.${d}`) }))}
              {...form.getInputProps('direction')}
            />
          </Input.Wrapper>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput type="datetime-local" label={t('interaction.occurredAt')} required {...form.getInputProps('occurredAt')} />
          <NumberInput label={t('interaction.duration')} min={0} max={1440} allowDecimal={false} {...form.getInputProps('durationMinutes')} />
        </SimpleGrid>
        <Textarea label={t('interaction.summary')} required autosize minRows={3} maxLength={5000} {...form.getInputProps('summary')} data-testid="interaction-summary" />
        <Input.Wrapper label={t('interaction.sentiment')} description={t('interaction.sentimentHelp')} labelElement="div" id="interaction-sentiment" data-path="sentiment">
          <Chip.Group multiple={false} value={form.values.sentiment} onChange={(v) => form.setFieldValue('sentiment', v === form.values.sentiment ? '' : v)}>
            <Group gap={6} mt={4} role="radiogroup" aria-labelledby="interaction-sentiment-label" data-testid="interaction-sentiment">
              <Chip value="" size="sm" variant="outline" type="radio">
                {t('interaction.sentimentNone')}
              </Chip>
              {SENTIMENTS.map((s) => (
                <Chip key={s} value={String(s)} size="sm" type="radio" color={s < 0 ? 'red' : s > 0 ? 'teal' : 'gray'}>
                  {t(`interaction.sentiments.s${s + 2}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Input.Wrapper>
        <TextInput label={t('interaction.competitor')} description={t('interaction.competitorHelp')} maxLength={200} {...form.getInputProps('competitor')} />
        <Collapse expanded={showGift}>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <NumberInput label={t('interaction.giftValue')} min={0} thousandSeparator="," decimalScale={2} {...form.getInputProps('giftValue')} />
            <TextInput label={t('interaction.giftFeedback')} maxLength={2000} {...form.getInputProps('giftFeedback')} />
          </SimpleGrid>
        </Collapse>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label={t('interaction.nextStep')} maxLength={1000} {...form.getInputProps('nextStep')} />
          <TextInput type="date" label={t('interaction.nextStepDueAt')} {...form.getInputProps('nextStepDueAt')} />
        </SimpleGrid>
        <Checkbox label={t('interaction.withPromise')} description={t('interaction.withPromiseHelp')} {...form.getInputProps('withPromise', { type: 'checkbox' })} data-testid="interaction-with-promise" />
        <Collapse expanded={form.values.withPromise}>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput label={t('promise.description')} required={form.values.withPromise} maxLength={2000} {...form.getInputProps('promise.description')} />
            <TextInput type="date" label={t('promise.dueAt')} required={form.values.withPromise} {...form.getInputProps('promise.dueAt')} />
          </SimpleGrid>
        </Collapse>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={state.fetching} data-testid="interaction-save">
            {t('interaction.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
