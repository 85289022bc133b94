import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format';

/** The score over time with the level thresholds (loaded lazily: charts are heavy). */
export default function RiskTrendChart({ points, thresholds }: { points: { at: string; score: number }[]; thresholds: { watch: number; atRisk: number; critical: number } }) {
  const { t } = useTranslation();
  const f = useFormat();
  const short = new Intl.DateTimeFormat(f.locale, { month: 'short', day: 'numeric' });
  const data = points.map((p) => ({ day: short.format(new Date(p.at)), score: p.score }));
  return (
    <LineChart
      h={180}
      data={data}
      dataKey="day"
      series={[{ name: 'score', label: t('riskTrend.score'), color: 'orange.7' }]}
      curveType="stepAfter"
      withDots={data.length < 20}
      yAxisProps={{ domain: [0, 100], width: 30 }}
      referenceLines={[
        { y: thresholds.watch, color: 'yellow.5', label: t('enums.riskLevel.WATCH') },
        { y: thresholds.atRisk, color: 'orange.5', label: t('enums.riskLevel.AT_RISK') },
        { y: thresholds.critical, color: 'red.6', label: t('enums.riskLevel.CRITICAL') },
      ]}
    />
  );
}
