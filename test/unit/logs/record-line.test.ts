import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toRecordLine } from '../../../server/src/engine/logs';
import type { PolicyActionRecord } from '../../../server/src/engine/logs';

void describe('toRecordLine', () => {
  void it('writes keys in the Go struct order whatever the object order', () => {
    const record = {
      timestamp: '2024-05-01T12:00:00Z',
      node_name: 'n',
      count: 2,
      dest: { instance: '1.2.3.4' },
      src: {
        namespace: 'x',
        pod_namespace: 'x',
        workload_name: 'w',
        workload_kind: 'Job',
        node_name: 'm',
        pod_name: 'p',
      },
      policies: [
        { namespace: 'x', name: 'n', kind: 'NetworkPolicy' },
        { name: 'cluster-wide', kind: 'CiliumClusterwideNetworkPolicy' },
      ],
      disposition: 'allow',
      connection: {
        direction: 'egress',
        protocol: 'udp',
        dest_port: 53,
        src_port: 1,
        dest_ip: '1.2.3.4',
        src_ip: '10.0.0.1',
      },
    } as const satisfies PolicyActionRecord;
    assert.equal(
      toRecordLine(record),
      '{"connection":{"src_ip":"10.0.0.1","dest_ip":"1.2.3.4","src_port":1,"dest_port":53,"protocol":"udp","direction":"egress"},"disposition":"allow","policies":[{"kind":"NetworkPolicy","name":"n","namespace":"x"},{"kind":"CiliumClusterwideNetworkPolicy","name":"cluster-wide"}],"src":{"pod_name":"p","node_name":"m","workload_kind":"Job","workload_name":"w","pod_namespace":"x","namespace":"x"},"dest":{"instance":"1.2.3.4"},"count":2,"node_name":"n","timestamp":"2024-05-01T12:00:00Z"}',
    );
  });

  void it('omits an empty policies list and escapes strings as Go does', () => {
    const record: PolicyActionRecord = {
      connection: { src_ip: 'a', dest_ip: 'b', protocol: 'unknown', direction: 'ingress' },
      disposition: 'deny',
      policies: [],
      src: { instance: '<&>' },
      dest: { instance: 'é"\u2028' },
      count: 1,
      timestamp: 't',
    };
    assert.equal(
      toRecordLine(record),
      '{"connection":{"src_ip":"a","dest_ip":"b","protocol":"unknown","direction":"ingress"},"disposition":"deny","src":{"instance":"\\u003c\\u0026\\u003e"},"dest":{"instance":"é\\"\\u2028"},"count":1,"timestamp":"t"}',
    );
  });
});
