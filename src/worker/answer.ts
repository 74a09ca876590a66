/**
 * The worker's one-shot answers: everything but simulate and cancel, each from the request and
 * the last simulated cluster. Kept apart from the message plumbing so it runs in Node tests.
 */
import { assertNever } from '../model/diagnostics';
import { applyEdit } from '../model/edit';
import { addTemplate } from '../model/templates';
import { proposeAllowPolicy } from '../engine/allowPolicy';
import { serviceRules } from '../engine/kubeproxy/serviceRules';
import { policyConnections } from '../engine/policyConnections';
import { applyPodEdit } from './podEdits';
import type { OneShotReply, OneShotRequest } from './protocol';
import { currentCluster, explainPair } from './simulate';
import { validateDraft } from './validateDraft';

const NO_CLUSTER = 'the cluster has not been simulated yet';

export function answer(request: OneShotRequest): OneShotReply {
  const cluster = currentCluster();
  const { id } = request;
  switch (request.type) {
    case 'explainPair': {
      const { allowed, text } = explainPair(
        request.from,
        request.to,
        request.matrix.port,
        request.matrix.protocol,
      );
      return { type: 'explained', id, allowed, text };
    }
    case 'edit': {
      const e = request.edit;
      const result =
        e.op === 'addTemplate'
          ? addTemplate(request.text, e.template, e.namespace, e.nodeName)
          : e.op === 'selectPod' || e.op === 'setPodLabel' || e.op === 'setContainerPort'
            ? applyPodEdit(cluster, request.text, e)
            : applyEdit(request.text, e);
      return { type: 'edited', id, result };
    }
    case 'validate':
      return { type: 'validated', id, diagnostics: validateDraft(request.files) };
    case 'serviceRules': {
      if (!cluster) return { type: 'rules', id, rules: null, note: NO_CLUSTER };
      const found = serviceRules(cluster, request.service, request.node, request.mode);
      return { type: 'rules', id, ...found };
    }
    case 'policyConnections': {
      if (!cluster)
        return {
          type: 'connections',
          id,
          policy: request.policy,
          connections: [],
          omitted: 0,
          notes: [NO_CLUSTER],
        };
      return { type: 'connections', id, ...policyConnections(cluster, request.policy) };
    }
    case 'proposeAllow': {
      if (!cluster) return { type: 'proposal', id, allowed: false, text: NO_CLUSTER, yaml: null };
      return { type: 'proposal', id, ...proposeAllowPolicy(cluster, request.from, request.to) };
    }
    default:
      return assertNever(request);
  }
}
