import { Button, Card, Divider, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ConflictAlert } from '@/components/conflict-alert';
import { ErrorState, LoadingState } from '@/components/states';
import { UpdateWorkspaceDocument, WorkspaceSettingsDocument, type RiskWeightsInput, type WorkspacePolicyFragment } from '@/gql/graphql';
import { focusFirstError } from '@/lib/forms';
import { useErrorHandler } from '@/lib/use-error-handler';

export const WEIGHT_KEYS = [
  'contactOverdue',
  'openComplaints',
  'breachedDeadlines',
  'brokenPromises',
  'sentiment',
  'orderDecline',
  'returns',
  'competitor',
  'ownerRisk',
  'remediationOverdue',
] as const satisfies readonly (keyof RiskWeightsInput)[];
type WeightKey = (typeof WEIGHT_KEYS)[number];

export type PolicyValues = {
  name: string;
  watch: number | string;
  atRisk: number | string;
  critical: number | string;
  weights: Record<WeightKey, number | string>;
  autoRecoveryPlaybook: boolean;
  timezone: string;
  currency: string;
};

const toValues = (w: WorkspacePolicyFragment): PolicyValues => ({
  name: w.name,
  watch: w.settings.riskThresholds.watch,
  atRisk: w.settings.riskThresholds.atRisk,
  critical: w.settings.riskThresholds.critical,
  weights: Object.fromEntries(WEIGHT_KEYS.map((k) => [k, w.settings.riskWeights[k] ?? ''])) as Record<WeightKey, number | string>,
  autoRecoveryPlaybook: w.settings.autoRecoveryPlaybook,
  timezone: w.settings.timezone,
  currency: w.settings.currency,
});

const int = (v: number | string) => (v === '' ? NaN : Number(v));

/** Mirrors workspace.go: 0 < watch < atRisk < critical ≤ 100, weights 0–100, a three-letter currency. */
export function validatePolicy(v: PolicyValues, t: TFunction): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.name.trim()) e.name = t('validation.required');
  const [w, a, c] = [int(v.watch), int(v.atRisk), int(v.critical)];
  for (const [k, n] of [['watch', w], ['atRisk', a], ['critical', c]] as const) {
    if (!Number.isInteger(n) || n < 1 || n > 100) e[k] = t('validation.between', { min: 1, max: 100 });
  }
  if (!e.watch && !e.atRisk && !(w < a)) e.atRisk = t('workspace.thresholdOrder');
  if (!e.atRisk && !e.critical && !(a < c)) e.critical = t('workspace.thresholdOrder');
  for (const k of WEIGHT_KEYS) {
    const n = int(v.weights[k]);
    if (v.weights[k] !== '' && (!Number.isInteger(n) || n < 0 || n > 100)) e[`weights.${k}`] = t('validation.between', { min: 0, max: 100 });
  }
  if (!/^[A-Z]{3}$/.test(v.currency.trim())) e.currency = t('workspace.currencyFormat');
  if (!v.timezone) e.timezone = t('validation.required');
  return e;
}

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

function PolicyForm({ workspace, onReload }: { workspace: WorkspacePolicyFragment; onReload: () => void }) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [state, save] = useMutation(UpdateWorkspaceDocument);
  const [conflict, setConflict] = useState(false);
  const form = useForm<PolicyValues>({ initialValues: toValues(workspace), validate: (v) => validatePolicy(v, t) });
  const zones = useMemo(() => timeZones(workspace.settings.timezone), [workspace.settings.timezone]);
  const submit = form.onSubmit(async (v) => {
    setConflict(false);
    const riskWeights: RiskWeightsInput = {};
    for (const k of WEIGHT_KEYS) riskWeights[k] = v.weights[k] === '' ? null : Number(v.weights[k]);
    const res = await save({
      version: workspace.version,
      input: {
        name: v.name.trim(),
        riskThresholds: { watch: Number(v.watch), atRisk: Number(v.atRisk), critical: Number(v.critical) },
        riskWeights,
        autoRecoveryPlaybook: v.autoRecoveryPlaybook,
        timezone: v.timezone,
        currency: v.currency.trim(),
      },
    });
    if (res.error) {
      // The API names the thresholds as one field.
      const fields = ['name', 'riskThresholds', 'timezone', 'currency', 'autoRecoveryPlaybook', ...WEIGHT_KEYS.map((k) => `riskWeights.${k}`)];
      handle(res.error, {
        form: { setFieldError: (path, msg) => form.setFieldError(path === 'riskThresholds' ? 'critical' : path.replace(/^riskWeights\./, 'weights.'), msg) },
        fields,
        onConflict: () => setConflict(true),
      });
      return;
    }
    if (res.data) form.resetDirty(toValues(res.data.updateWorkspace));
    notifications.show({ color: 'teal', message: t('workspace.saved') });
  }, focusFirstError);
  return (
    <form onSubmit={submit} noValidate data-testid="workspace-form">
      <Stack>
        {conflict && (
          <ConflictAlert
            onReload={() => {
              setConflict(false);
              onReload();
            }}
            onDismiss={() => setConflict(false)}
          />
        )}
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t('workspace.general')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('workspace.name')} required maxLength={200} {...form.getInputProps('name')} />
            <Select label={t('workspace.timezone')} required searchable data={zones} allowDeselect={false} {...form.getInputProps('timezone')} />
            <TextInput
              label={t('workspace.currency')}
              description={t('workspace.currencyHelp')}
              required
              maxLength={3}
              {...form.getInputProps('currency')}
              onChange={(e) => form.setFieldValue('currency', e.currentTarget.value.toUpperCase())}
            />
          </SimpleGrid>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4" mb={4}>
            {t('workspace.thresholds')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('workspace.thresholdsHelp')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <NumberInput label={t('workspace.watch')} min={1} max={100} allowDecimal={false} required {...form.getInputProps('watch')} data-testid="threshold-watch" />
            <NumberInput label={t('workspace.atRisk')} min={1} max={100} allowDecimal={false} required {...form.getInputProps('atRisk')} />
            <NumberInput label={t('workspace.critical')} min={1} max={100} allowDecimal={false} required {...form.getInputProps('critical')} />
          </SimpleGrid>
          <Divider my="md" />
          <Title order={3} size="h5" mb={4}>
            {t('workspace.weights')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('workspace.weightsHelp')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
            {WEIGHT_KEYS.map((k) => (
              <NumberInput key={k} label={t(`riskSignals.${k}`)} min={0} max={100} allowDecimal={false} {...form.getInputProps(`weights.${k}`)} />
            ))}
          </SimpleGrid>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Switch
            label={t('workspace.autoRecovery')}
            description={t('workspace.autoRecoveryHelp')}
            {...form.getInputProps('autoRecoveryPlaybook', { type: 'checkbox' })}
            data-testid="auto-recovery"
          />
        </Card>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
            {t('workspace.discard')}
          </Button>
          <Button type="submit" loading={state.fetching} data-testid="workspace-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The workspace's risk policy (admins): thresholds, default weights, auto recovery, time zone and currency. */
export function WorkspaceSettings() {
  const { t } = useTranslation();
  const [res, reexecute] = useQuery({ query: WorkspaceSettingsDocument });
  const w = res.data?.workspace;
  if (!w && res.error) return <ErrorState error={res.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!w) return <LoadingState rows={6} />;
  return (
    <>
      <Text size="sm" c="dimmed" mb="md" maw={720}>
        {t('workspace.intro')}
      </Text>
      <PolicyForm key={`${w.id}:${w.version}`} workspace={w} onReload={() => reexecute({ requestPolicy: 'network-only' })} />
    </>
  );
}
