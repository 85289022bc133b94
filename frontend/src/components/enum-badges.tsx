import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Badges never shrink to an ellipsis inside table cells.
const noShrink = { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } } as const;
import type { RiskLevel, Stage, Tier } from '@/gql/graphql';

export const riskColor: Record<RiskLevel, string> = { HEALTHY: 'teal', WATCH: 'yellow', AT_RISK: 'orange', CRITICAL: 'red' };
const stageColor: Record<Stage, string> = { PROSPECT: 'blue', ACTIVE: 'teal', DORMANT: 'gray', SUSPENDED: 'yellow', LOST: 'red', WON_BACK: 'grape' };
const tierColor: Record<Tier, string> = { TKA: 'indigo', PKA: 'violet', IKA: 'cyan', STANDARD: 'gray', MARGINAL: 'orange' };

export function RiskBadge({ level, score, ...rest }: { level: RiskLevel; score?: number } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={riskColor[level]} variant="light" styles={noShrink} {...rest}>
      {t(`enums.riskLevel.${level}`)}
      {score !== undefined && ` · ${score}`}
    </Badge>
  );
}

export function StageBadge({ stage, ...rest }: { stage: Stage } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={stageColor[stage]} variant="dot" styles={noShrink} {...rest}>
      {t(`enums.stage.${stage}`)}
    </Badge>
  );
}

export function TierBadge({ tier, ...rest }: { tier: Tier } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={tierColor[tier]} variant="outline" styles={noShrink} {...rest}>
      {t(`enums.tierShort.${tier}`)}
    </Badge>
  );
}
