import { describe, expect, it } from 'vitest';
import { ALERT_KINDS, ALERT_STATUSES } from '@/features/alerts/components/alerts-inbox';
import { AUDIT_ENTITY_TYPES } from '@/features/audit/components/audit-log';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, SEVERITIES, STEP_KINDS, STEP_STATUSES, transitionAction, allowedTransitions } from '@/features/complaints/utils/complaint-rules';
import { CALENDARS, CHANNELS, DIRECTIONS, FESTIVALS, KEY_DATE_KINDS, SENTIMENTS } from '@/features/customers/components/workflow-enums';
import { ASSIGNEE_ROLES } from '@/features/playbooks/components/playbooks-settings';
import { WEIGHT_KEYS } from '@/features/workspace/components/workspace-settings';
import en from './en.json';
import zh from './zh.json';

type Tree = { [k: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (!node || typeof node === 'string') return undefined;
    node = node[part] ?? node[`${part}_other`];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Keys the workflow screens build at run time (enums, codes): they are not literal t('…') calls. */
const dynamicKeys = [
  ...CHANNELS.map((c) => `workflowEnums.channel.${c}`),
  ...DIRECTIONS.map((d) => `workflowEnums.direction.${d}`),
  ...COMPLAINT_STATUSES.map((s) => `workflowEnums.complaintStatus.${s}`),
  ...SEVERITIES.map((s) => `workflowEnums.severity.${s}`),
  ...COMPLAINT_CATEGORIES.map((c) => `workflowEnums.category.${c}`),
  ...STEP_KINDS.map((k) => `workflowEnums.stepKind.${k}`),
  ...STEP_STATUSES.map((s) => `workflowEnums.stepStatus.${s}`),
  ...ALERT_KINDS.map((k) => `workflowEnums.alertKind.${k}`),
  ...ALERT_STATUSES.map((s) => `workflowEnums.alertStatus.${s}`),
  ...['OPEN', 'KEPT', 'BROKEN', 'CANCELLED'].map((s) => `workflowEnums.promiseStatus.${s}`),
  ...['KEPT', 'BROKEN', 'CANCELLED'].map((s) => `promise.mark.${s}`),
  ...KEY_DATE_KINDS.map((k) => `workflowEnums.keyDateKind.${k}`),
  ...CALENDARS.map((c) => `workflowEnums.calendar.${c}`),
  ...ASSIGNEE_ROLES.map((r) => `workflowEnums.assigneeRole.${r}`),
  ...['INTERACTION', 'STAGE_CHANGE', 'COMPLAINT', 'PROMISE', 'ALERT'].map((k) => `workflowEnums.timelineKind.${k}`),
  ...FESTIVALS.map((f) => `keyDates.festivals.${f}`),
  ...SENTIMENTS.map((s) => `interaction.sentiments.s${s + 2}`),
  ...[1, 2, 3, 4, 5].map((n) => `complaints.satisfaction.s${n}`),
  ...COMPLAINT_STATUSES.flatMap((s) => allowedTransitions(s).map(transitionAction)).flatMap((a) => [`complaints.actions.${a}`, `complaints.actions.${a}Title`]),
  ...AUDIT_ENTITY_TYPES.map((e) => `audit.entities.${e}`),
  ...WEIGHT_KEYS.map((k) => `riskSignals.${k}`),
  // The demo's loss reasons; other codes fall back to the label the API sends.
  ...['UNRESOLVED_COMPLAINT', 'BROKEN_PROMISE', 'BUSINESS_CLOSED', 'OWNER_LEFT', 'NO_LONGER_NEEDED', 'OTHER', 'PRICE', 'QUALITY', 'COMPETITOR'].map((c) => `lossReasons.${c}`),
];

describe('workflow translations', () => {
  it('cover every enum value and code the workflow screens translate dynamically, in both languages', () => {
    const missing = dynamicKeys.flatMap((k) => [...(lookup(en as Tree, k) ? [] : [`en: ${k}`]), ...(lookup(zh as Tree, k) ? [] : [`zh: ${k}`])]);
    expect(missing).toEqual([]);
  });

  it('translate the Chinese screens into Chinese (no English left behind)', () => {
    const sections = ['workflowEnums', 'dashboard', 'complaints', 'remediation', 'alerts', 'winBack', 'value', 'playbooks', 'workspace', 'timeline', 'interaction', 'promise', 'newComplaint', 'lifecycle', 'keyDates', 'profit', 'riskTrend', 'live'];
    const leftovers: string[] = [];
    const walk = (node: string | Tree, path: string) => {
      if (typeof node === 'string') {
        const text = node.replace(/\{\{\w+\}\}/g, '');
        // A translation with Latin words and no CJK at all is suspicious (codes like "CNY" aside).
        if (/[a-z]{3,}/i.test(text) && !/[\u4e00-\u9fff]/.test(text)) leftovers.push(`${path}: ${node}`);
        return;
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
    };
    for (const s of sections) walk((zh as Tree)[s], s);
    expect(leftovers).toEqual([]);
  });
});
