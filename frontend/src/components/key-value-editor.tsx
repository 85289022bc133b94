import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export type KeyValue = { key: string; value: string };

/** Flattens a free-form JSON object into editable rows (non-text values as JSON). */
export function toRows(doc: Record<string, unknown> | null | undefined): KeyValue[] {
  return Object.entries(doc ?? {}).map(([key, v]) => ({ key, value: typeof v === 'string' ? v : JSON.stringify(v) }));
}

/** Rows back to an object; blank keys are dropped. */
export function fromRows(rows: KeyValue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const k = r.key.trim();
    if (k) out[k] = r.value.trim();
  }
  return out;
}

/** Edits a customer's details or preferences as key/value rows. */
export function KeyValueEditor({ label, value, onChange }: { label: string; value: KeyValue[]; onChange: (v: KeyValue[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<KeyValue>) => onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap={6} role="group" aria-label={label}>
      <Text fw={500} size="sm">
        {label}
      </Text>
      {value.map((row, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
          <TextInput style={{ flex: 2 }} label={i === 0 ? t('common.key') : undefined} aria-label={t('common.keyN', { n: i + 1 })} value={row.key} maxLength={60} onChange={(e) => set(i, { key: e.currentTarget.value })} />
          <TextInput style={{ flex: 3 }} label={i === 0 ? t('common.value') : undefined} aria-label={t('common.valueN', { n: i + 1 })} value={row.value} maxLength={500} onChange={(e) => set(i, { value: e.currentTarget.value })} />
          <ActionIcon variant="subtle" color="red" mb={4} aria-label={t('common.removeRow', { n: i + 1 })} onClick={() => onChange(value.filter((_, j) => j !== i))}>
            <IconTrash size={18} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, { key: '', value: '' }])}>
          {t('common.addRow')}
        </Button>
      </Group>
    </Stack>
  );
}
