import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Edits a list of short texts (a contract's do's and don'ts). */
export function ListEditor({
  label,
  value,
  onChange,
  addLabel,
  itemLabel,
  maxLength = 200,
}: {
  label: string;
  value: string[];
  onChange: (v: string[]) => void;
  addLabel: string;
  itemLabel: (index: number) => string;
  maxLength?: number;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} role="group" aria-label={label}>
      <Text fw={500} size="sm">
        {label}
      </Text>
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('common.noneYet')}
        </Text>
      )}
      {value.map((item, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            aria-label={itemLabel(i + 1)}
            value={item}
            maxLength={maxLength}
            onChange={(e) => onChange(value.map((v, j) => (j === i ? e.currentTarget.value : v)))}
          />
          <ActionIcon variant="subtle" color="red" aria-label={t('common.removeItem', { item: itemLabel(i + 1) })} onClick={() => onChange(value.filter((_, j) => j !== i))}>
            <IconTrash size={18} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, ''])}>
          {addLabel}
        </Button>
      </Group>
    </Stack>
  );
}
