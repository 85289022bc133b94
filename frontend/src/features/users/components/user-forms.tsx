import { Alert, Button, Group, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ConflictAlert } from '@/components/conflict-alert';
import { CreateUserDocument, DeactivateUserDocument, UpdateUserDocument, type DirectoryUserFragment, type Role } from '@/gql/graphql';
import { useErrorHandler } from '@/lib/use-error-handler';
import { focusFirstError } from '@/lib/forms';

export const ROLES: Role[] = ['ADMIN', 'MANAGER', 'AGENT', 'VIEWER'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type UserValues = { email: string; name: string; role: string; managerId: string; password: string; locale: string };

export function validateNewUser(v: UserValues, t: TFunction): Record<string, string> {
  const e: Record<string, string> = {};
  if (!EMAIL.test(v.email.trim())) e.email = t('validation.email');
  if (!v.name.trim()) e.name = t('validation.required');
  if (!ROLES.includes(v.role as Role)) e.role = t('validation.required');
  if (v.password.length < 10 || v.password.length > 128) e.password = t('validation.passwordLength', { min: 10, max: 128 });
  return e;
}

function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) }));
}

function managerOptions(users: DirectoryUserFragment[], exceptId?: string) {
  return users.filter((u) => u.active && u.id !== exceptId && (u.role === 'MANAGER' || u.role === 'ADMIN')).map((u) => ({ value: u.id, label: u.name }));
}

export function CreateUserForm({ users, onDone, onCancel }: { users: DirectoryUserFragment[]; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const roles = useRoleOptions();
  const [state, create] = useMutation(CreateUserDocument);
  const form = useForm<UserValues>({
    initialValues: { email: '', name: '', role: 'AGENT', managerId: '', password: '', locale: 'zh' },
    validate: (v) => validateNewUser(v, t),
  });
  const submit = form.onSubmit(async (v) => {
    const res = await create({
      input: { email: v.email.trim(), name: v.name.trim(), role: v.role as Role, managerId: v.managerId || null, password: v.password, locale: v.locale },
    });
    if (res.error) {
      handle(res.error, { form, fields: ['email', 'name', 'role', 'managerId', 'password', 'locale'] });
      return;
    }
    notifications.show({ color: 'teal', message: t('users.created', { name: v.name.trim() }) });
    onDone();
  }, focusFirstError);
  return (
    <form onSubmit={submit} noValidate data-testid="create-user-form">
      <Stack>
        <TextInput label={t('users.fields.name')} required {...form.getInputProps('name')} />
        <TextInput label={t('users.fields.email')} type="email" required autoComplete="off" {...form.getInputProps('email')} />
        <Select label={t('users.fields.role')} data={roles} required allowDeselect={false} {...form.getInputProps('role')} />
        <Select label={t('users.fields.manager')} data={managerOptions(users)} clearable placeholder={t('common.none')} {...form.getInputProps('managerId')} />
        <Select
          label={t('users.fields.locale')}
          data={[
            { value: 'en', label: 'English' },
            { value: 'zh', label: '中文' },
          ]}
          allowDeselect={false}
          {...form.getInputProps('locale')}
        />
        <PasswordInput visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }} label={t('users.fields.password')} description={t('users.passwordHelp')} required autoComplete="new-password" {...form.getInputProps('password')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={state.fetching}>
            {t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EditUserForm({
  user,
  users,
  onDone,
  onCancel,
  onReload,
}: {
  user: DirectoryUserFragment;
  users: DirectoryUserFragment[];
  onDone: () => void;
  onCancel: () => void;
  onReload: () => Promise<DirectoryUserFragment | null | undefined>;
}) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const roles = useRoleOptions();
  const [conflict, setConflict] = useState(false);
  const [version, setVersion] = useState(user.version);
  const [state, update] = useMutation(UpdateUserDocument);
  const form = useForm({
    initialValues: { name: user.name, role: user.role as string, managerId: user.manager?.id ?? '', locale: user.locale },
    validate: { name: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const submit = form.onSubmit(async (v) => {
    setConflict(false);
    const res = await update({
      id: user.id,
      version,
      input: { name: v.name.trim(), role: v.role as Role, locale: v.locale, ...(v.managerId ? { managerId: v.managerId } : { clearManager: true }) },
    });
    if (res.error) {
      handle(res.error, { form, fields: ['name', 'role', 'managerId', 'locale'], onConflict: () => setConflict(true) });
      return;
    }
    notifications.show({ color: 'teal', message: t('users.saved', { name: v.name.trim() }) });
    onDone();
  }, focusFirstError);
  const reload = async () => {
    const latest = await onReload();
    if (latest) {
      form.setValues({ name: latest.name, role: latest.role, managerId: latest.manager?.id ?? '', locale: latest.locale });
      setVersion(latest.version);
    }
    setConflict(false);
  };
  return (
    <form onSubmit={submit} noValidate data-testid="edit-user-form">
      <Stack>
        {conflict && <ConflictAlert onReload={() => void reload()} onDismiss={() => setConflict(false)} />}
        <Text size="sm" c="dimmed">
          {user.email}
        </Text>
        <TextInput label={t('users.fields.name')} required {...form.getInputProps('name')} />
        <Select label={t('users.fields.role')} data={roles} allowDeselect={false} {...form.getInputProps('role')} />
        <Select label={t('users.fields.manager')} data={managerOptions(users, user.id)} clearable placeholder={t('common.none')} {...form.getInputProps('managerId')} />
        <Select
          label={t('users.fields.locale')}
          data={[
            { value: 'en', label: 'English' },
            { value: 'zh', label: '中文' },
          ]}
          allowDeselect={false}
          {...form.getInputProps('locale')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={state.fetching}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Deactivation hands the user's customers to their backup owners or a successor. */
export function DeactivateUserForm({ user, users, onDone, onCancel }: { user: DirectoryUserFragment; users: DirectoryUserFragment[]; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [state, deactivate] = useMutation(DeactivateUserDocument);
  const form = useForm({ initialValues: { successorId: '' } });
  const successors = users.filter((u) => u.active && u.id !== user.id && u.role !== 'VIEWER').map((u) => ({ value: u.id, label: u.name }));
  const submit = form.onSubmit(async (v) => {
    const res = await deactivate({ id: user.id, successorId: v.successorId || null });
    if (res.error) {
      handle(res.error, { form, fields: ['successorId'] });
      return;
    }
    notifications.show({ color: 'teal', message: t('users.deactivated', { name: user.name }) });
    onDone();
  }, focusFirstError);
  return (
    <form onSubmit={submit} noValidate data-testid="deactivate-user-form">
      <Stack>
        <Alert color="orange">{t('users.deactivateWarning', { name: user.name })}</Alert>
        <Select
          label={t('users.fields.successor')}
          description={t('users.successorHelp')}
          data={successors}
          searchable
          clearable
          placeholder={t('users.backupOwnersOnly')}
          {...form.getInputProps('successorId')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={state.fetching}>
            {t('users.deactivate')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
