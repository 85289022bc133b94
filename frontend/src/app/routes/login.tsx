import { Alert, Box, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '@/components/language-switch';
import { LoginForm } from '@/features/auth/components/login-form';
import { useSession } from '@/lib/session-context';

/** Only same-app paths are followed after login (no open redirects); without one, the dashboard. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/dashboard';
  return next;
}

export default function LoginRoute() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));

  if (session.status === 'signed-in') return <Navigate to={next} replace />;
  if (session.status === 'restoring') {
    return (
      <Center h="100dvh" role="status" aria-label={t('auth.restoring')}>
        <Loader />
      </Center>
    );
  }
  const reason = session.status === 'signed-out' ? session.reason : 'none';

  return (
    <Box mih="100dvh" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={420}>
          <Stack gap="lg">
            <Group gap="sm">
              <img src="/favicon.svg" alt="" width={36} height={36} />
              <div>
                <Title order={1} size="h2">
                  {t('app.name')}
                </Title>
                <Text c="dimmed" size="sm">
                  {t('app.tagline')}
                </Text>
              </div>
            </Group>
            {reason === 'expired' && (
              <Alert color="orange" icon={<IconInfoCircle />} data-testid="session-expired">
                {t('auth.sessionExpired')}
              </Alert>
            )}
            {reason === 'unreachable' && (
              <Alert color="red" icon={<IconInfoCircle />}>
                {t('errors.networkBody')}
              </Alert>
            )}
            {params.get('next') && reason !== 'expired' && (
              <Text size="sm" c="dimmed">
                {t('auth.signInToContinue')}
              </Text>
            )}
            <LoginForm onSignedIn={() => navigate(next, { replace: true })} />
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
