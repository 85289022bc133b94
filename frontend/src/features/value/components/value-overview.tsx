import { Grid, Stack } from '@mantine/core';
import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '@/components/states';
import { ProfitOverviewDocument } from '@/gql/graphql';
import { NegativeProfitTable } from './negative-profit-table';
import { ParetoCard } from './pareto-card';
import { TierProfitCard } from './tier-profit-card';

/** Customer value: the 80/20 curve, tier against actual profit, customers who cost more than they bring. */
export function ValueOverview() {
  const [res, reexecute] = useQuery({ query: ProfitOverviewDocument });
  const o = res.data?.profitOverview;
  if (!o && res.error) return <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!o) return <LoadingState rows={8} />;
  return (
    <Stack gap="md">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <ParetoCard overview={o} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <TierProfitCard overview={o} />
        </Grid.Col>
      </Grid>
      <NegativeProfitTable total={o.negativeCount} />
    </Stack>
  );
}
