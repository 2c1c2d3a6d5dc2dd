import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GKE_KUBE_DNS } from '../../server/src/engine';
import { toSettings } from '../../server/src/settings';

describe('netpol.clusterDns', () => {
  it("is GKE's kube-dns unless set", () => {
    assert.deepEqual(toSettings({}).clusterDns, GKE_KUBE_DNS);
    assert.deepEqual(toSettings({ clusterDns: 'coredns' }).clusterDns, GKE_KUBE_DNS);
  });

  it('reads a CoreDNS or NodeLocal DNSCache description, keeping the default for bad parts', () => {
    const dns = toSettings({
      clusterDns: {
        namespace: 'kube-system',
        name: 'node-local-dns',
        labels: { 'k8s-app': 'node-local-dns' },
        ports: [
          { port: 53, protocol: 'UDP', name: 'dns' },
          { port: 'x' },
          { port: 53, protocol: 'SCTP' },
        ],
      },
    }).clusterDns;
    assert.deepEqual(dns, {
      namespace: 'kube-system',
      name: 'node-local-dns',
      labels: { 'k8s-app': 'node-local-dns' },
      ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }],
    });
    const bad = toSettings({ clusterDns: { labels: { a: 1 }, ports: [] } }).clusterDns;
    assert.deepEqual(bad.labels, GKE_KUBE_DNS.labels);
    assert.deepEqual(bad.ports, GKE_KUBE_DNS.ports);
  });
});
