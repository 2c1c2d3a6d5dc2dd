import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPodMemo } from '../../../server/src/engine/evaluate/pod-memo';
import { makePod } from '../logs/builders';
import type { Pod } from '../../../server/src/engine/world/types';

function pod(name: string, index: number): Pod {
  const endpoint = makePod({ name, index });
  assert.equal(endpoint.kind, 'pod');
  return endpoint.pod;
}

void test('a pod memo answers only for the pod object a value was set for', () => {
  const memo = createPodMemo<string>();
  const api = pod('api', 3);
  const web = pod('web', 0);
  memo.set(api, 'api');
  memo.set(web, 'web');
  assert.equal(memo.get(api), 'api');
  assert.equal(memo.get(web), 'web');
  // The same name at the same index, from another world, is another pod.
  const apiAgain = pod('api', 3);
  assert.equal(memo.get(apiAgain), undefined);
  assert.equal(memo.get(pod('db', 1)), undefined);
  assert.equal(memo.get(pod('far', 5000)), undefined);
  memo.set(apiAgain, 'api of the next world');
  assert.equal(memo.get(apiAgain), 'api of the next world');
  assert.equal(memo.get(api), undefined);
});
