import { describe, expect, it } from 'vitest';
import type { PodView } from '../../worker/protocol';
import { containerPorts, podStatus, splitPodName } from './podText';

const base: PodView = {
  key: 'kube-system/coredns-a-b',
  namespace: 'kube-system',
  name: 'coredns-a-b',
  ip: '10.244.0.2',
  node: 'control-plane',
  phase: 'Running',
  hostNetwork: false,
  isSystem: true,
  containers: ['coredns', 'sidecar'],
  containerPorts: [],
  isWrittenPod: false,
  labels: {},
  ready: true,
  listeners: ['53/UDP coredns (coredns)', '53/TCP coredns (coredns)', '9153/TCP coredns (coredns)'],
  failing: [],
};

describe('pod card texts', () => {
  it('lists each container with its listening ports, UDP marked', () => {
    expect(containerPorts(base)).toEqual(['coredns :53/udp :53 :9153', 'sidecar']);
  });
  it('says failing before ready, and Pending without a node', () => {
    expect(podStatus(base)).toBe('running');
    expect(podStatus({ ...base, failing: ['sidecar: port 53 taken'] })).toBe('failing');
    expect(podStatus({ ...base, ready: false })).toBe('not-ready');
    expect(podStatus({ ...base, phase: 'Pending', node: null, ip: null })).toBe('pending');
  });
  it('splits a controlled pod name before its random suffix, for a middle ellipsis', () => {
    const owned = { owner: 'Deployment/frontend' };
    expect(splitPodName({ ...owned, name: 'frontend-fwzbs4km55-hqnxx' })).toEqual([
      'frontend-fwzbs4km55-',
      'hqnxx',
    ]);
    expect(splitPodName({ ...owned, name: 'web-0' })).toEqual(['web-', '0']);
    expect(splitPodName({ name: 'static-site' })).toEqual(['static-site', '']);
  });
});
