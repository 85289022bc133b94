import { Card, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled dashboard card (a landmark region named by its title). */
export function DashboardCard({ id, title, action, children, testId }: { id: string; title: ReactNode; action?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="md" padding="lg" h="100%" component="section" aria-labelledby={`${id}-title`} data-testid={testId}>
      <Group justify="space-between" mb="sm" gap="xs" wrap="nowrap" align="flex-start">
        <Title order={2} size="h4" id={`${id}-title`}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}
