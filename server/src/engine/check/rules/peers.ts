import { displayPath } from '../read';
import type { Report } from '../report';
import { atKey, atValue } from '../report';
import type { MapPart, PolicyParts } from './policy-parts';

export function checkPeers(parts: PolicyParts): Report[] {
  return parts.peers.flatMap((peer) => [...checkEmpty(peer), ...checkIpBlockAlone(peer)]);
}

// ValidateNetworkPolicyPeer: "must specify a peer". A peer with only misspelt fields is
// already reported as unknown fields, so only a peer with no field at all is reported here.
function checkEmpty({ path, value: peer }: MapPart): Report[] {
  if (Object.keys(peer).length > 0) {
    return [];
  }
  return [
    {
      code: 'empty-peer',
      message: `${displayPath(path)} sets no field; a peer needs podSelector, namespaceSelector or ipBlock.`,
      target: atValue(path),
    },
  ];
}

// ValidateNetworkPolicyPeer: "may not specify both ipBlock and another peer".
function checkIpBlockAlone({ path, value: peer }: MapPart): Report[] {
  if (!Object.hasOwn(peer, 'ipBlock')) {
    return [];
  }
  const selectors = ['podSelector', 'namespaceSelector'].filter((key) => Object.hasOwn(peer, key));
  if (selectors.length === 0) {
    return [];
  }
  return [
    {
      code: 'ip-block-with-selector',
      message: `${displayPath(path)} combines ipBlock with ${selectors.join(' and ')}; put them in separate peers.`,
      target: atKey([...path, 'ipBlock']),
    },
  ];
}
