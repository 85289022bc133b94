import { Card, Group, Text, Title } from '@mantine/core';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useSubscription } from 'urql';
import { LoadingState, ErrorState } from '@/components/states';
import { CustomerRiskChangedDocument, CustomerRiskHistoryDocument } from '@/gql/graphql';
import { useFormat } from '@/lib/format';

const RiskTrendChart = lazy(() => import('./risk-trend-chart'));

const DAYS = 90;

/**
 * The risk score over the last 90 days. While the page is open the score
 * also updates live (`customerRiskChanged`); the cache updates the risk card
 * in place, and the trend refetches.
 */
export function RiskTrendCard({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = i18n.language === 'zh' ? 'zh' : 'en';
  const [res, reexecute] = useQuery({ query: CustomerRiskHistoryDocument, variables: { id: customerId, days: DAYS } });
  const [live] = useSubscription({ query: CustomerRiskChangedDocument, variables: { id: customerId, lang } });
  const lastScore = useRef<number | null>(null);
  const liveScore = live.data?.customerRiskChanged.riskScore ?? null;
  const liveAt = live.data?.customerRiskChanged.riskUpdatedAt ?? null;
  useEffect(() => {
    if (liveAt && lastScore.current !== null) reexecute({ requestPolicy: 'network-only' });
    lastScore.current = liveScore;
  }, [liveAt, liveScore, reexecute]);

  const points = res.data?.customer?.riskHistory;
  const thresholds = res.data?.workspace.settings.riskThresholds ?? { watch: 30, atRisk: 60, critical: 80 };
  let body;
  if (!points && res.error) body = <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  else if (!points) body = <LoadingState rows={2} />;
  else if (points.length < 2)
    body = (
      <Text size="sm" c="dimmed" data-testid="risk-trend-empty">
        {points.length === 1 ? t('riskTrend.one', { score: points[0].score, when: f.date(points[0].at) }) : t('riskTrend.empty', { days: DAYS })}
      </Text>
    );
  else {
    const first = points[0].score;
    const last = points[points.length - 1].score;
    body = (
      <>
        <Text size="sm" c="dimmed" mb="xs">
          {t('riskTrend.summary', { from: first, to: last, count: points.length })}
        </Text>
        <div aria-hidden>
          <Suspense fallback={<LoadingState rows={2} />}>
            <RiskTrendChart points={points} thresholds={thresholds} />
          </Suspense>
        </div>
      </>
    );
  }
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="risk-trend-title" data-testid="risk-trend">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="risk-trend-title">
          {t('riskTrend.title', { days: DAYS })}
        </Title>
      </Group>
      {body}
    </Card>
  );
}
