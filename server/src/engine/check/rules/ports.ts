import type { Path } from '../../core/source';
import { whyNotPortName } from '../k8s-names';
import { displayPath } from '../read';
import type { Report } from '../report';
import { atKey, atValue } from '../report';
import type { MapPart, PolicyParts } from './policy-parts';

const MAX_PORT = 65535;

export function checkPorts(parts: PolicyParts): Report[] {
  return parts.ports.flatMap((port) => [
    ...checkPortValue(port),
    ...checkEndPort(port),
    ...checkProtocol(port),
  ]);
}

// ValidateNetworkPolicyPort: a number must be a valid port, a name an IANA service name.
function checkPortValue({ path, value: port }: MapPart): Report[] {
  const value = port['port'];
  const where = [...path, 'port'];
  if (typeof value === 'number') {
    // A fraction is the schema's type error; one problem per value.
    return !Number.isInteger(value) || isPortNumber(value) ? [] : [outOfRange(where, value)];
  }
  if (typeof value !== 'string') {
    return [];
  }
  const reason = whyNotPortName(value);
  return reason === undefined
    ? []
    : [
        {
          code: 'invalid-port-name',
          message: `The port name "${value}" ${reason}.`,
          target: atValue(where),
        },
      ];
}

// endPort needs a numeric port, must not be below it, and must itself be a valid port.
function checkEndPort({ path, value: port }: MapPart): Report[] {
  const endPort = port['endPort'];
  // Fractions and values beyond int32 are the schema's to report.
  if (typeof endPort !== 'number' || !Number.isInteger(endPort) || Math.abs(endPort) >= 2 ** 31) {
    return [];
  }
  const start = port['port'];
  const where = [...path, 'endPort'];
  if (typeof start !== 'number') {
    const why = start === undefined ? 'needs a port to start from' : 'needs a numeric port';
    return [
      {
        code: 'end-port-without-numeric-port',
        message: `${displayPath(where)} ${why}.`,
        target: atKey(where),
      },
    ];
  }
  if (!isPortNumber(endPort)) {
    return [outOfRange(where, endPort)];
  }
  if (endPort < start) {
    return [
      {
        code: 'end-port-before-port',
        message: `${displayPath(where)} must be at least port (${start}).`,
        target: atValue(where),
      },
    ];
  }
  return isPortNumber(start) ? [endPortOnDataplaneV2(where)] : [];
}

// docs/gke-logging.md §4: Cilium long ignored endPort, and GKE's current behaviour is unknown.
function endPortOnDataplaneV2(where: Path): Report {
  return {
    code: 'dataplane-v2-end-port',
    message: `${displayPath(where)} may not be enforced on GKE Dataplane V2, which has ignored port ranges; only port may apply.`,
    target: atKey(where),
  };
}

// docs/gke-logging.md §4: SCTP is a missing NetworkPolicy feature in Cilium.
function checkProtocol({ path, value: port }: MapPart): Report[] {
  if (port['protocol'] !== 'SCTP') {
    return [];
  }
  const where = [...path, 'protocol'];
  return [
    {
      code: 'dataplane-v2-sctp',
      message: `${displayPath(where)} is SCTP, which GKE Dataplane V2 may not enforce.`,
      target: atValue(where),
    },
  ];
}

function isPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_PORT;
}

function outOfRange(where: Path, value: number): Report {
  return {
    code: 'invalid-port',
    message: `${displayPath(where)} is ${value}, but ports run from 1 to ${MAX_PORT}.`,
    target: atValue(where),
  };
}
