import { Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '@/components/states';
import { DashboardProcessMeasuresDocument } from '@/gql/graphql';
import { useFormat } from '@/lib/format';
import { DashboardCard } from './dashboard-card';

function Ratio({ part, whole, label }: { part: number; whole: number; label: string }) {
  const f = useFormat();
  if (!whole) {
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  }
  const pct = Math.round((part / whole) * 100);
  return (
    <Stack gap={2} miw={90}>
      <Text size="sm">
        {pct}%{' '}
        <Text span size="xs" c="dimmed">
          ({f.number(part)}/{f.number(whole)})
        </Text>
      </Text>
      <Progress value={pct} size="xs" color={pct >= 80 ? 'teal' : pct >= 50 ? 'yellow' : 'red'} aria-label={label} />
    </Stack>
  );
}

/** Contact cadence kept, complaint SLA met and promises kept, per person: for coaching, not blame. */
export function ProcessMeasuresCard({ from, to, days }: { from: string; to: string; days: number }) {
  const { t } = useTranslation();
  const [res, reexecute] = useQuery({ query: DashboardProcessMeasuresDocument, variables: { from, to } });
  const rows = res.data?.processMeasures;
  let body;
  if (!rows && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!rows) body = <LoadingState rows={3} />;
  else if (rows.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        {t('dashboard.measures.empty')}
      </Text>
    );
  else
    body = (
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing={6} data-testid="process-measures">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.measures.person')}</Table.Th>
              <Table.Th>{t('dashboard.measures.cadence')}</Table.Th>
              <Table.Th>{t('dashboard.measures.sla')}</Table.Th>
              <Table.Th>{t('dashboard.measures.promises')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.user.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {r.user.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Ratio part={r.withinCadence} whole={r.customers} label={t('dashboard.measures.cadenceOf', { name: r.user.name })} />
                </Table.Td>
                <Table.Td>
                  <Ratio part={r.answeredInTime} whole={r.complaints} label={t('dashboard.measures.slaOf', { name: r.user.name })} />
                </Table.Td>
                <Table.Td>
                  <Ratio part={r.kept} whole={r.promisesDue} label={t('dashboard.measures.promisesOf', { name: r.user.name })} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  return (
    <DashboardCard id="measures" title={t('dashboard.measures.title', { days })} testId="card-measures">
      <Text size="xs" c="dimmed" mb="xs">
        {t('dashboard.measures.help')}
      </Text>
      {body}
    </DashboardCard>
  );
}
