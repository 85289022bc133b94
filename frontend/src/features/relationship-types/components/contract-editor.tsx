import { Button, Divider, Group, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ConflictAlert } from '@/components/conflict-alert';
import { ListEditor } from '@/components/list-editor';
import {
  CreateRelationshipTypeDocument,
  UpdateRelationshipTypeDocument,
  type RelationshipTypeContractFragment,
  type RelationshipTypeInput,
  type RiskWeightsInput,
} from '@/gql/graphql';
import { useErrorHandler } from '@/lib/use-error-handler';
import { focusFirstError } from '@/lib/forms';

export const RISK_WEIGHT_KEYS = [
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

type WeightKey = (typeof RISK_WEIGHT_KEYS)[number];

export type ContractValues = {
  name: string;
  description: string;
  contactCadenceDays: number | string;
  complaintSlaHours: number | string;
  benefitBudget: number | string;
  dos: string[];
  donts: string[];
  riskWeights: Record<WeightKey, number | string>;
};

export function contractToValues(r?: RelationshipTypeContractFragment | null): ContractValues {
  const weights = Object.fromEntries(RISK_WEIGHT_KEYS.map((k) => [k, r?.riskWeights[k] ?? ''])) as Record<WeightKey, number | string>;
  return {
    name: r?.name ?? '',
    description: r?.description ?? '',
    contactCadenceDays: r?.contactCadenceDays ?? 14,
    complaintSlaHours: r?.complaintSlaHours ?? 24,
    benefitBudget: r?.benefitBudget ?? 0,
    dos: r?.dos ?? [],
    donts: r?.donts ?? [],
    riskWeights: weights,
  };
}

function intIn(v: number | string, min: number, max: number, t: TFunction): string | null {
  if (v === '' || v === null || v === undefined) return t('validation.required');
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) return t('validation.between', { min, max });
  return null;
}

/** Client-side checks mirroring relationship.go. */
export function validateContract(v: ContractValues, t: TFunction): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.name.trim()) e.name = t('validation.required');
  else if ([...v.name.trim()].length > 100) e.name = t('validation.maxLength', { max: 100 });
  const cadence = intIn(v.contactCadenceDays, 1, 365, t);
  if (cadence) e.contactCadenceDays = cadence;
  const sla = intIn(v.complaintSlaHours, 1, 720, t);
  if (sla) e.complaintSlaHours = sla;
  if (v.benefitBudget !== '' && (Number(v.benefitBudget) < 0 || !Number.isFinite(Number(v.benefitBudget)))) e.benefitBudget = t('validation.notNegative');
  for (const k of RISK_WEIGHT_KEYS) {
    const w = v.riskWeights[k];
    if (w !== '' && (!Number.isInteger(Number(w)) || Number(w) < 0 || Number(w) > 100)) e[`riskWeights.${k}`] = t('validation.between', { min: 0, max: 100 });
  }
  return e;
}

export function valuesToInput(v: ContractValues): RelationshipTypeInput {
  const riskWeights: RiskWeightsInput = {};
  for (const k of RISK_WEIGHT_KEYS) {
    const w = v.riskWeights[k];
    riskWeights[k] = w === '' ? null : Number(w);
  }
  return {
    name: v.name.trim(),
    description: v.description.trim(),
    contactCadenceDays: Number(v.contactCadenceDays),
    complaintSlaHours: Number(v.complaintSlaHours),
    benefitBudget: v.benefitBudget === '' ? 0 : Number(v.benefitBudget),
    dos: v.dos.map((x) => x.trim()).filter(Boolean),
    donts: v.donts.map((x) => x.trim()).filter(Boolean),
    riskWeights,
  };
}

const FIELDS = ['name', 'description', 'contactCadenceDays', 'complaintSlaHours', 'benefitBudget', 'dos', 'donts', ...RISK_WEIGHT_KEYS.map((k) => `riskWeights.${k}`)];

/** Creates or edits a relationship type's contract, including its risk weights. */
export function ContractEditor({
  type,
  onDone,
  onCancel,
  onReload,
}: {
  type: RelationshipTypeContractFragment | null;
  onDone: () => void;
  onCancel: () => void;
  onReload: () => Promise<RelationshipTypeContractFragment | null | undefined>;
}) {
  const { t } = useTranslation();
  const handle = useErrorHandler();
  const [conflict, setConflict] = useState(false);
  const [version, setVersion] = useState(type?.version ?? 0);
  const [createState, create] = useMutation(CreateRelationshipTypeDocument);
  const [updateState, update] = useMutation(UpdateRelationshipTypeDocument);
  const form = useForm<ContractValues>({ initialValues: contractToValues(type), validate: (v) => validateContract(v, t) });

  const submit = form.onSubmit(async (v) => {
    setConflict(false);
    const input = valuesToInput(v);
    const res = type ? await update({ id: type.id, version, input }) : await create({ input });
    if (res.error) {
      handle(res.error, { form, fields: FIELDS, onConflict: () => setConflict(true) });
      return;
    }
    notifications.show({ color: 'teal', message: t('contract.saved', { name: input.name }) });
    onDone();
  }, focusFirstError);

  const reload = async () => {
    const latest = await onReload();
    if (latest) {
      form.setValues(contractToValues(latest));
      setVersion(latest.version);
    }
    setConflict(false);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={type ? t('contract.editTitle', { name: type.name }) : t('contract.newTitle')} data-testid="contract-editor">
      <Stack>
        {conflict && <ConflictAlert onReload={() => void reload()} onDismiss={() => setConflict(false)} />}
        <TextInput label={t('contract.name')} required maxLength={100} {...form.getInputProps('name')} data-testid="contract-name" />
        <Textarea label={t('contract.description')} autosize minRows={2} maxLength={1000} {...form.getInputProps('description')} />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <NumberInput label={t('contract.cadenceDays')} required min={1} max={365} allowDecimal={false} {...form.getInputProps('contactCadenceDays')} data-testid="contract-cadence" />
          <NumberInput label={t('contract.slaHours')} required min={1} max={720} allowDecimal={false} {...form.getInputProps('complaintSlaHours')} />
          <NumberInput label={t('contract.budget')} min={0} thousandSeparator="," {...form.getInputProps('benefitBudget')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <ListEditor
            label={t('contract.dos')}
            value={form.values.dos}
            onChange={(v) => form.setFieldValue('dos', v)}
            addLabel={t('contract.addDo')}
            itemLabel={(n) => t('contract.doN', { n })}
          />
          <ListEditor
            label={t('contract.donts')}
            value={form.values.donts}
            onChange={(v) => form.setFieldValue('donts', v)}
            addLabel={t('contract.addDont')}
            itemLabel={(n) => t('contract.dontN', { n })}
          />
        </SimpleGrid>
        <Divider />
        <div>
          <Text fw={500} size="sm">
            {t('contract.riskWeights')}
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            {t('contract.riskWeightsHelp')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
            {RISK_WEIGHT_KEYS.map((k) => (
              <NumberInput
                key={k}
                label={t(`riskSignals.${k}`)}
                placeholder={t('contract.inherit')}
                min={0}
                max={100}
                allowDecimal={false}
                {...form.getInputProps(`riskWeights.${k}`)}
              />
            ))}
          </SimpleGrid>
        </div>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={createState.fetching || updateState.fetching} data-testid="contract-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
