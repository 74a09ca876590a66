import type { LabelSelector, LabelSelectorRequirement, ObjectMeta } from 'kubernetes-types/meta/v1';
import { any, int, obj, oneOf, str, stringMap, strings, arr } from '../schema';

export const objectMeta = obj<ObjectMeta>('ObjectMeta', {
  name: str,
  namespace: str,
  labels: stringMap,
  annotations: stringMap,
  generateName: str,
  uid: str,
  resourceVersion: str,
  generation: int,
  creationTimestamp: any,
  deletionTimestamp: any,
  deletionGracePeriodSeconds: int,
  finalizers: strings,
  managedFields: any,
  ownerReferences: any,
  selfLink: str,
});

export const labelSelectorRequirement = obj<LabelSelectorRequirement>(
  'LabelSelectorRequirement',
  { key: str, operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist'), values: strings },
  ['key', 'operator'],
);

export const labelSelector = obj<LabelSelector>('LabelSelector', {
  matchLabels: stringMap,
  matchExpressions: arr(labelSelectorRequirement),
});
