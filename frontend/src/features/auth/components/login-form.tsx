import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '@/lib/errors';
import { useSessionManager } from '@/lib/session-context';
import { focusFirstError } from '@/lib/forms';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const session = useSessionManager();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (EMAIL.test(v.trim()) ? null : t('validation.email')),
      password: (v) => (v ? null : t('validation.required')),
    },
  });

  const submit = form.onSubmit(async ({ email, password }) => {
    setBusy(true);
    setError(null);
    const err = await session.login(email.trim(), password);
    setBusy(false);
    if (err) setError(err);
    else onSignedIn();
  }, focusFirstError);

  const message =
    error?.kind === 'unauthenticated' || error?.kind === 'bad-input'
      ? t('auth.wrongCredentials')
      : error?.kind === 'network'
        ? t('errors.networkBody')
        : error
          ? t('errors.internalBody')
          : null;

  return (
    <form onSubmit={submit} noValidate aria-label={t('auth.signIn')}>
      <Stack gap="md">
        {message && (
          <Alert color="red" icon={<IconAlertCircle />} role="alert" data-testid="login-error">
            {message}
          </Alert>
        )}
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="username"
          required
          data-autofocus
          autoFocus
          {...form.getInputProps('email')}
          name="email"
        />
        <PasswordInput visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword') }} label={t('auth.password')} autoComplete="current-password" required {...form.getInputProps('password')} name="password" />
        <Button type="submit" loading={busy} fullWidth size="md">
          {t('auth.signIn')}
        </Button>
      </Stack>
    </form>
  );
}
