import { Button, Center, Group, Loader, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCloudOff,
  IconLock,
  IconMoodEmpty,
  IconSearchOff,
  type Icon,
} from '@tabler/icons-react';
import type { CombinedError } from '@urql/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toAppError, type AppError } from '@/lib/errors';

/** A centred message with an icon, used by the empty and error states. */
export function StateMessage({
  icon: IconComponent,
  color = 'gray',
  title,
  children,
  action,
  testId,
}: {
  icon: Icon;
  color?: string;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <Center py="xl" data-testid={testId}>
      <Stack align="center" gap="xs" maw={480} ta="center">
        <ThemeIcon size={56} radius="xl" variant="light" color={color} aria-hidden>
          <IconComponent size={30} stroke={1.5} />
        </ThemeIcon>
        <Title order={2} size="h3">
          {title}
        </Title>
        {children && (
          <Text c="dimmed" component="div">
            {children}
          </Text>
        )}
        {action && <Group mt="sm">{action}</Group>}
      </Stack>
    </Center>
  );
}

/** Loading placeholder; `rows` skeleton lines, or a spinner. */
export function LoadingState({ rows, label }: { rows?: number; label?: string }) {
  const { t } = useTranslation();
  const text = label ?? t('common.loading');
  if (rows) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label={text} role="status">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} height={36} radius="sm" />
        ))}
      </Stack>
    );
  }
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{text}</Text>
      </Group>
    </Center>
  );
}

export function EmptyState({ title, description, action }: { title: string; description?: string; action?: ReactNode }) {
  return (
    <StateMessage icon={IconMoodEmpty} title={title} action={action} testId="empty-state">
      {description}
    </StateMessage>
  );
}

/** The "not found" view: also what a user sees for records they may not see. */
export function NotFoundView() {
  const { t } = useTranslation();
  return (
    <StateMessage
      icon={IconSearchOff}
      title={t('errors.notFoundTitle')}
      testId="not-found"
      action={
        <Button component={Link} to="/customers" variant="light">
          {t('errors.backToCustomers')}
        </Button>
      }
    >
      {t('errors.notFoundBody')}
    </StateMessage>
  );
}

/** Renders a failed query according to the kind of error. */
export function ErrorState({ error, onRetry }: { error: AppError | CombinedError | null | undefined; onRetry?: () => void }) {
  const { t } = useTranslation();
  const e: AppError | null = error && 'kind' in error ? error : toAppError(error as CombinedError | undefined);
  const retry = onRetry && (
    <Button variant="light" onClick={onRetry}>
      {t('common.retry')}
    </Button>
  );
  switch (e?.kind) {
    case 'not-found':
      return <NotFoundView />;
    case 'forbidden':
      return (
        <StateMessage icon={IconLock} color="orange" title={t('errors.forbiddenTitle')} testId="forbidden">
          {t('errors.forbiddenBody')}
        </StateMessage>
      );
    case 'network':
      return (
        <StateMessage icon={IconCloudOff} color="orange" title={t('errors.networkTitle')} action={retry} testId="error-state">
          {t('errors.networkBody')}
        </StateMessage>
      );
    case 'unauthenticated':
      return (
        <StateMessage icon={IconLock} title={t('errors.sessionEndedTitle')} testId="error-state">
          {t('errors.sessionEndedBody')}
        </StateMessage>
      );
    case 'internal':
      return (
        <StateMessage icon={IconAlertTriangle} color="red" title={t('errors.internalTitle')} action={retry} testId="error-state">
          {t('errors.internalBody')}
          {e.requestId && (
            <Text size="sm" mt="xs" ff="monospace">
              {t('errors.requestId', { id: e.requestId })}
            </Text>
          )}
        </StateMessage>
      );
    default:
      return (
        <StateMessage icon={IconAlertTriangle} color="red" title={t('errors.rejectedTitle')} action={retry} testId="error-state">
          {e?.message}
        </StateMessage>
      );
  }
}
