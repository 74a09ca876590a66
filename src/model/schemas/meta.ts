/** meta/v1 shapes every object shares: ObjectMeta and label selectors. */
import type {
  LabelSelector,
  LabelSelectorRequirement,
  ObjectMeta,
  OwnerReference,
} from 'kubernetes-types/meta/v1';
import { any, arr, bool, int, obj, oneOf, str, stringMap, strings } from '../schema';

const ownerReference = obj<OwnerReference>(
  'OwnerReference',
  {
    apiVersion: str,
    blockOwnerDeletion: bool,
    controller: bool,
    kind: str,
    name: str,
    uid: str,
  },
  ['apiVersion', 'kind', 'name', 'uid'],
);

export const objectMeta = obj<ObjectMeta>('ObjectMeta', {
  name: str,
  namespace: str,
  labels: stringMap,
  annotations: stringMap,
  generateName: str,
  uid: str,
  resourceVersion: str,
  generation: int,
  // Timestamps are RFC 3339 strings, but YAML 1.1 readers turn them into dates: accept both.
  creationTimestamp: any,
  deletionTimestamp: any,
  deletionGracePeriodSeconds: int,
  finalizers: strings,
  managedFields: any,
  ownerReferences: arr(ownerReference),
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
