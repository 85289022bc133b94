import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { focusFirstError } from '@/lib/forms';
import type { FieldErrorTarget } from '@/lib/use-error-handler';

/** Hands a complaint to a manager: the owner's manager unless another is chosen. */
export function EscalateDialog({
  opened,
  onClose,
  managers,
  ownersManager,
  onEscalate,
  busy,
}: {
  opened: boolean;
  onClose: () => void;
  managers: { value: string; label: string }[];
  ownersManager: { id: string; name: string } | null;
  onEscalate: (managerId: string | null, note: string, form: FieldErrorTarget) => Promise<void>;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { managerId: ownersManager?.id ?? null as string | null, note: '' },
    validate: { managerId: (v) => (v || ownersManager ? null : t('complaints.escalate.chooseManager')) },
  });
  const submit = form.onSubmit((v) => onEscalate(v.managerId, v.note.trim(), form), focusFirstError);
  return (
    <Modal opened={opened} onClose={onClose} title={t('complaints.escalate.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid="escalate-form">
        <Stack>
          <Text size="sm" c="dimmed">
            {ownersManager ? t('complaints.escalate.defaultManager', { name: ownersManager.name }) : t('complaints.escalate.noManager')}
          </Text>
          <Select label={t('complaints.escalate.manager')} data={managers} searchable clearable={!!ownersManager} {...form.getInputProps('managerId')} data-testid="escalate-manager" />
          <Textarea label={t('complaints.fields.note')} autosize minRows={2} maxLength={2000} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="grape" loading={busy} data-testid="confirm-escalate">
              {t('complaints.escalate.action')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
