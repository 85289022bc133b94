import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowBackUp, IconCheck, IconLock, IconPlayerPlay, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintStatus, TransitionComplaintInput } from '@/gql/graphql';
import { focusFirstError } from '@/lib/forms';
import { useIsMobile } from '@/lib/use-is-mobile';
import type { FieldErrorTarget } from '@/lib/use-error-handler';
import { allowedTransitions, transitionAction, type TransitionAction } from '../utils/complaint-rules';
import { SatisfactionInput } from './satisfaction-input';

type ComplaintState = {
  status: ComplaintStatus;
  rootCause: string;
  preventionAction: string;
  satisfaction: number | null;
};

/** Performs a move; returns false when it failed (errors go onto `form` when given). */
export type TransitionFn = (input: TransitionComplaintInput, form?: FieldErrorTarget) => Promise<boolean>;

const icons: Record<TransitionAction, typeof IconCheck> = {
  acknowledge: IconSend,
  remediate: IconPlayerPlay,
  resolve: IconCheck,
  close: IconLock,
  reopen: IconArrowBackUp,
};

type DialogValues = { rootCause: string; preventionAction: string; satisfaction: number | null; note: string };

/**
 * The moves the state machine allows from the complaint's status, and only
 * those. Resolving asks for the customer's satisfaction; closing for the root
 * cause and the prevention action; reopening for a note.
 */
export function TransitionButtons({ complaint, onTransition, disabled }: { complaint: ComplaintState; onTransition: TransitionFn; disabled?: boolean }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [busy, setBusy] = useState<TransitionAction | null>(null);
  const [dialog, setDialog] = useState<{ to: ComplaintStatus; action: TransitionAction } | null>(null);
  const form = useForm<DialogValues>({
    initialValues: { rootCause: '', preventionAction: '', satisfaction: null, note: '' },
    validate: (v) => {
      const e: Record<string, string> = {};
      if (dialog?.action === 'resolve' && !v.satisfaction) e.satisfaction = t('complaints.satisfaction.required');
      if (dialog?.action === 'close') {
        if (!v.rootCause.trim()) e.rootCause = t('validation.required');
        if (!v.preventionAction.trim()) e.preventionAction = t('validation.required');
      }
      return e;
    },
  });

  const moves = allowedTransitions(complaint.status);
  const run = async (to: ComplaintStatus, action: TransitionAction, input: Omit<TransitionComplaintInput, 'to'> = {}, target?: FieldErrorTarget) => {
    setBusy(action);
    const ok = await onTransition({ to, ...input }, target);
    setBusy(null);
    return ok;
  };
  const open = (to: ComplaintStatus) => {
    const action = transitionAction(to);
    if (action === 'acknowledge' || action === 'remediate') {
      void run(to, action);
      return;
    }
    form.setValues({ rootCause: complaint.rootCause, preventionAction: complaint.preventionAction, satisfaction: complaint.satisfaction, note: '' });
    form.clearErrors();
    setDialog({ to, action });
  };
  const submit = form.onSubmit(async (v) => {
    if (!dialog) return;
    const input: Omit<TransitionComplaintInput, 'to'> = { note: v.note.trim() || null };
    if (dialog.action === 'resolve') input.satisfaction = v.satisfaction;
    if (dialog.action === 'close') {
      input.rootCause = v.rootCause.trim();
      input.preventionAction = v.preventionAction.trim();
    }
    if (await run(dialog.to, dialog.action, input, form)) setDialog(null);
  }, focusFirstError);

  return (
    <>
      <Group gap="xs" data-testid="transition-buttons">
        {moves.map((to) => {
          const action = transitionAction(to);
          const Icon = icons[action];
          return (
            <Button
              key={to}
              variant={action === 'reopen' ? 'default' : 'filled'}
              color={action === 'reopen' ? undefined : action === 'close' ? 'gray' : undefined}
              leftSection={<Icon size={16} aria-hidden />}
              onClick={() => open(to)}
              loading={busy === action}
              disabled={disabled || (busy !== null && busy !== action)}
              data-testid={`transition-${action}`}
            >
              {t(`complaints.actions.${action}`)}
            </Button>
          );
        })}
      </Group>
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={dialog ? t(`complaints.actions.${dialog.action}Title`) : ''}
        fullScreen={isMobile}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {dialog && (
          <form onSubmit={submit} noValidate data-testid={`dialog-${dialog.action}`}>
            <Stack>
              {dialog.action === 'resolve' && (
                <SatisfactionInput required value={form.values.satisfaction} onChange={(n) => form.setFieldValue('satisfaction', n)} error={form.errors.satisfaction as string | undefined} />
              )}
              {dialog.action === 'close' && (
                <>
                  <Textarea label={t('complaints.fields.rootCause')} required autosize minRows={2} maxLength={5000} {...form.getInputProps('rootCause')} data-testid="field-root-cause" />
                  <Textarea label={t('complaints.fields.preventionAction')} required autosize minRows={2} maxLength={5000} {...form.getInputProps('preventionAction')} data-testid="field-prevention" />
                </>
              )}
              <Textarea label={t('complaints.fields.note')} description={t('complaints.fields.noteHelp')} autosize minRows={2} maxLength={2000} {...form.getInputProps('note')} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setDialog(null)}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={busy !== null} data-testid="confirm-transition">
                  {t(`complaints.actions.${dialog.action}`)}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
