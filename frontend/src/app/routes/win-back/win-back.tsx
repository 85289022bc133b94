import { Grid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { LossReasonsChart } from '@/features/win-back/components/loss-reasons-chart';
import { WinBackList } from '@/features/win-back/components/win-back-list';
import { usePermissions } from '@/lib/session-context';

export default function WinBackRoute() {
  const { t } = useTranslation();
  const can = usePermissions();
  return (
    <>
      <PageHeader title={t('winBack.title')} description={t('winBack.subtitle')} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }} order={{ base: 2, lg: 1 }}>
          <WinBackList canEdit={can.writeCustomers} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }} order={{ base: 1, lg: 2 }}>
          <LossReasonsChart />
        </Grid.Col>
      </Grid>
    </>
  );
}
