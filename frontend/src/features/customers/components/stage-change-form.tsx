import { Alert, Button, Checkbox, Group, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ConflictAlert } from '@/components/conflict-alert';
import { ChangeStageDocument, LossReasonOptionsDocument, type Stage } from '@/gql/graphql';
import { focusFirstError } from '@/lib/forms';
import { useErrorHandler } from '@/lib/use-error-handler';
import { STAGE_MOVES } from './workflow-enums';

type Values = { to: Stage | null; reason: string; lossReasonId: string | null; startWinBack: boolean };

/** Moves the customer along the life cycle; LOST needs a loss reason and may start the win-back playbook. */
export function StageChangeForm({
  customer,
  onDone,
  onCancel,
  onReload,
}: {
  customer: { id: string; stage: Stage; version: number };
  onDone: () => void;
  onCancel: () => void;
  onReload: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const handle = useErrorHandler();
  const [reasons] = useQuery({ query: LossReasonOptionsDocument });
  const [state, change] = useMutation(ChangeStageDocument);
  const [conflict, setConflict] = useState(false);
  const moves = STAGE_MOVES[customer.stage];
  const form = useForm<Values>({
    initialValues: { to: moves[0] ?? null, reason: '', lossReasonId: null, startWinBack: true },
    validate: {
      to: (v) => (v ? null : t('validation.required')),
      lossReasonId: (v, all) => (all.to === 'LOST' && !v ? t('lifecycle.lossReasonRequired') : null),
    },
  });
  const lost = form.values.to === 'LOST';
  const submit = form.onSubmit(async (v) => {
    setConflict(false);
    const res = await change({
      input: {
        customerId: customer.id,
        version: customer.version,
        to: v.to!,
        reason: v.reason.trim() || null,
        lossReasonId: lost ? v.lossReasonId : null,
        startWinBack: lost ? v.startWinBack : null,
      },
    });
    if (res.error) {
      handle(res.error, { form, fields: ['to', 'reason', 'lossReasonId'], onConflict: () => setConflict(true) });
      return;
    }
    notifications.show({ color: 'teal', message: t('lifecycle.changed', { stage: t(`enums.stage.${v.to}`) }) });
    onDone();
  }, focusFirstError);
  const reasonOptions = (reasons.data?.lossReasons ?? []).map((r) => ({ value: r.id, label: i18n.exists(`lossReasons.${r.code}`) ? t(`lossReasons.${r.code}`) : r.label }));
  return (
    <form onSubmit={submit} noValidate data-testid="stage-form">
      <Stack>
        {conflict && (
          <ConflictAlert
            onReload={() => {
              void onReload().then(() => setConflict(false));
            }}
            onDismiss={() => setConflict(false)}
          />
        )}
        <Alert variant="light" color="gray" p="xs">
          {t('lifecycle.current', { stage: t(`enums.stage.${customer.stage}`) })}
        </Alert>
        <Select
          label={t('lifecycle.to')}
          required
          allowDeselect={false}
          data={moves.map((s) => ({ value: s, label: t(`enums.stage.${s}`) }))}
          {...form.getInputProps('to')}
          data-testid="stage-to"
        />
        {lost && (
          <>
            <Select label={t('lifecycle.lossReason')} required data={reasonOptions} {...form.getInputProps('lossReasonId')} data-testid="stage-loss-reason" />
            <Checkbox label={t('lifecycle.startWinBack')} description={t('lifecycle.startWinBackHelp')} {...form.getInputProps('startWinBack', { type: 'checkbox' })} />
          </>
        )}
        <Textarea label={t('lifecycle.reason')} autosize minRows={2} maxLength={2000} {...form.getInputProps('reason')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color={lost ? 'red' : undefined} loading={state.fetching} data-testid="stage-save">
            {t('lifecycle.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
