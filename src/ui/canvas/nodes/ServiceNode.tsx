import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CSSProperties } from 'react';
import { namespaceHue } from '../../namespaceColor';
import type { ServiceView } from '../../../worker/protocol';
import type { ServiceNode as ServiceNodeType } from '../types';
import { useIsFar } from '../useLevelOfDetail';
import { NamespaceChip } from './NamespaceChip';

/** Ports as `kubectl get svc` prints them: `80/TCP`, `80:30080/TCP`. */
function portsText(service: ServiceView): string {
  return service.ports
    .map(
      (p) =>
        `${String(p.port)}${p.nodePort === null ? '' : `:${String(p.nodePort)}`}/${p.protocol}`,
    )
    .join(', ');
}

function externalText(service: ServiceView): string | null {
  const addresses = [
    ...(service.loadBalancerIP === null ? [] : [service.loadBalancerIP]),
    ...service.externalIPs,
  ];
  if (addresses.length > 0)
    return `${service.type === 'LoadBalancer' ? 'LB' : 'external'} ${addresses.join(', ')}`;
  return service.type === 'LoadBalancer' ? 'LB <pending>' : null;
}

const TYPE_SHORT: Readonly<Record<ServiceView['type'], string>> = {
  ClusterIP: 'ClusterIP',
  NodePort: 'NodePort',
  LoadBalancer: 'LoadBalancer',
  ExternalName: 'ExternalName',
};

/**
 * A Service: name; namespace and type; ClusterIP; ports (with NodePorts) and ready endpoints; its
 * external address if any. One line each, so a 20-character name and any address read in full.
 */
export const ServiceNode = memo(function ServiceNode({ data }: NodeProps<ServiceNodeType>) {
  const { service } = data;
  const isFar = useIsFar();
  const style = { '--ns-hue': namespaceHue(service.namespace) } as CSSProperties;
  const external = externalText(service);
  // An ExternalName Service has no ClusterIP: its DNS name is a CNAME to the external name.
  const address =
    service.externalName !== null
      ? `CNAME ${service.externalName}`
      : service.headless
        ? 'None (headless)'
        : (service.clusterIP ?? '—');
  // One endpoint per pod and Service port: count addresses, as `kubectl get endpoints` lists them.
  const ready = new Set(service.endpoints.filter((e) => e.ready).map((e) => e.ip)).size;
  return (
    <div className={service.isSystem ? 'k8s-svc k8s-svc--system' : 'k8s-svc'} style={style}>
      <Handle type="target" position={Position.Top} id="in" />
      <Handle type="source" position={Position.Bottom} id="out" />
      {!service.isSystem && service.type !== 'ExternalName' && (
        <Handle
          type="source"
          position={Position.Right}
          id="connect"
          className="k8s-connect"
          title="Drag to a pod: the Service selects it (its labels join the selector)"
        />
      )}
      {/* The name and the address get whole lines: they are what a reader looks for. */}
      <div className="k8s-svc__line">
        <span className="k8s-svc__name" title={`Service ${service.key}`}>
          {service.name}
        </span>
      </div>
      <div className="k8s-svc__line">
        <NamespaceChip namespace={service.namespace} />
        <span className={`k8s-svc__type k8s-svc__type--${service.type}`}>
          {TYPE_SHORT[service.type]}
        </span>
      </div>
      <div className="k8s-svc__line">
        <code
          className="k8s-svc__address"
          title={service.externalName !== null ? 'externalName' : 'ClusterIP'}
        >
          {address}
        </code>
      </div>
      {service.isSystem ? (
        <div className="k8s-svc__line k8s-svc__ports">
          <span title={`${portsText(service)}${external === null ? '' : `\n${external}`}`}>
            {external ?? portsText(service)}
          </span>
        </div>
      ) : (
        <>
          <div className="k8s-svc__line k8s-svc__ports">
            <span title="port:nodePort/protocol">{portsText(service) || 'no ports'}</span>
            {!isFar && service.type !== 'ExternalName' && (
              <span
                className={ready === 0 ? 'k8s-svc__eps k8s-svc__eps--none' : 'k8s-svc__eps'}
                title="ready endpoints"
              >
                {ready === 0 ? 'no endpoints' : `${String(ready)} ready`}
              </span>
            )}
          </div>
          {external !== null && (
            <div className="k8s-svc__line k8s-svc__external">
              <code>{external}</code>
            </div>
          )}
        </>
      )}
    </div>
  );
});
