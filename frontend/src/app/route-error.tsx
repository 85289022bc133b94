import { Button, Center } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { StateMessage } from '@/components/states';

/** A render crash or a failed chunk load: say so and offer a reload. */
export function RouteErrorView() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (import.meta.env.DEV) console.error(error);
  return (
    <Center mih="60dvh">
      <StateMessage
        icon={IconAlertTriangle}
        color="red"
        title={t('errors.internalTitle')}
        testId="route-error"
        action={<Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>}
      >
        {t('errors.crashBody')}
      </StateMessage>
    </Center>
  );
}
