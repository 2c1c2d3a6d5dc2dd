/** The transport protocols a NetworkPolicy port can name. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** The two sides of a connection a policy can isolate. */
export type Direction = 'egress' | 'ingress';

/** Where Kubernetes leaves a behaviour to the implementation, the profile decides. */
export type Dataplane = 'gke-dataplane-v2' | 'kubernetes';
