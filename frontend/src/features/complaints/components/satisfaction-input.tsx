import { Input, SegmentedControl } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** The customer's satisfaction 1–5, as five labelled choices (keyboard: arrows). */
export function SatisfactionInput({
  value,
  onChange,
  error,
  required,
  label,
}: {
  value: number | null;
  onChange: (v: number) => void;
  error?: string | null;
  required?: boolean;
  label?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Input.Wrapper label={label ?? t('complaints.satisfaction.label')} required={required} error={error} description={t('complaints.satisfaction.help')} id={id} labelElement="div" data-path="satisfaction">
      <SegmentedControl
        fullWidth
        aria-labelledby={`${id}-label`}
        data-testid="satisfaction"
        value={value ? String(value) : ''}
        onChange={(v) => onChange(Number(v))}
        data={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n} · ${t(`complaints.satisfaction.s${n}`)}` }))}
        styles={{ label: { whiteSpace: 'normal', lineHeight: 1.2 } }}
      />
    </Input.Wrapper>
  );
}
