import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ComplaintStatus, Severity, StepStatus } from '@/gql/graphql';
import { complaintStatusColor, severityColor, stepStatusColor } from '../utils/complaint-rules';

const noShrink = { root: { flexShrink: 0 } } as const;

export function SeverityBadge({ severity, ...rest }: { severity: Severity } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={severityColor[severity]} variant={severity === 'CRITICAL' ? 'filled' : 'light'} styles={noShrink} data-testid="severity-badge" {...rest}>
      {t(`workflowEnums.severity.${severity}`)}
    </Badge>
  );
}

export function ComplaintStatusBadge({ status, ...rest }: { status: ComplaintStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={complaintStatusColor[status]} variant="dot" styles={noShrink} data-testid="complaint-status" {...rest}>
      {t(`workflowEnums.complaintStatus.${status}`)}
    </Badge>
  );
}

export function StepStatusBadge({ status, ...rest }: { status: StepStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={stepStatusColor[status]} variant="light" styles={noShrink} data-testid="step-status" {...rest}>
      {t(`workflowEnums.stepStatus.${status}`)}
    </Badge>
  );
}
