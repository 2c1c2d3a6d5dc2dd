import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import adminNetworkPolicy from '../../../../schemas/adminnetworkpolicy.schema.json';
import baselineAdminNetworkPolicy from '../../../../schemas/baselineadminnetworkpolicy.schema.json';
import clusterNetworkPolicy from '../../../../schemas/clusternetworkpolicy.schema.json';
import networkLogging from '../../../../schemas/networklogging.schema.json';
import networkPolicy from '../../../../schemas/networkpolicy.schema.json';
import objectMeta from '../../../../schemas/objectmeta.schema.json';
import sampleFlows from '../../../../schemas/sampleflows.schema.json';
import type { KnownKind } from '../core/classify';

/** The kinds that have a JSON Schema. */
export type SchemaKind =
  | 'NetworkPolicy'
  | 'NetworkLogging'
  | 'SampleFlows'
  | 'ClusterNetworkPolicy'
  | 'AdminNetworkPolicy'
  | 'BaselineAdminNetworkPolicy';

export type JsonSchema = Readonly<Record<string, unknown>>;

export const SCHEMAS: Readonly<Record<SchemaKind, JsonSchema>> = {
  NetworkPolicy: networkPolicy,
  NetworkLogging: networkLogging,
  SampleFlows: sampleFlows,
  ClusterNetworkPolicy: clusterNetworkPolicy,
  AdminNetworkPolicy: adminNetworkPolicy,
  BaselineAdminNetworkPolicy: baselineAdminNetworkPolicy,
};

/** Every schema by `$id`, so `$ref`s between files resolve the way ajv resolves them. */
export const SCHEMAS_BY_ID: ReadonlyMap<string, JsonSchema> = new Map(
  [
    objectMeta,
    networkPolicy,
    networkLogging,
    sampleFlows,
    clusterNetworkPolicy,
    adminNetworkPolicy,
    baselineAdminNetworkPolicy,
  ].map((schema) => [schema.$id, schema]),
);

// Kubernetes' OpenAPI extensions carry no validation of their own here; registering them keeps
// ajv's strict mode on for everything else (a misspelt keyword is still a compile error).
const ANNOTATION_KEYWORDS = [
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-patch-strategy',
  'x-kubernetes-patch-merge-key',
  'x-kubernetes-group-version-kind',
  'x-kubernetes-embedded-resource',
  // Names the problem code a failing keyword of that schema node reports.
  'x-netpol-lens-code',
];

const INT32 = 2 ** 31;
const INT64 = 2n ** 63n;
// RFC 3339 date-time, as Kubernetes writes metav1.Time.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

// `verbose` gives each error its schema node, which names the fields a typo was meant to be.
function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
  for (const keyword of ANNOTATION_KEYWORDS) {
    ajv.addKeyword({ keyword });
  }
  ajv.addFormat('int32', {
    type: 'number',
    validate: (value: number) => Number.isInteger(value) && value >= -INT32 && value < INT32,
  });
  ajv.addFormat('int64', {
    type: 'number',
    validate: (value: number) =>
      Number.isInteger(value) && BigInt(value) >= -INT64 && BigInt(value) < INT64,
  });
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (value: string) => DATE_TIME.test(value),
  });
  ajv.addSchema(objectMeta);
  return ajv;
}

const ajv = createAjv();

const VALIDATORS: Readonly<Record<SchemaKind, ValidateFunction>> = {
  NetworkPolicy: ajv.compile(networkPolicy),
  NetworkLogging: ajv.compile(networkLogging),
  SampleFlows: ajv.compile(sampleFlows),
  ClusterNetworkPolicy: ajv.compile(clusterNetworkPolicy),
  AdminNetworkPolicy: ajv.compile(adminNetworkPolicy),
  BaselineAdminNetworkPolicy: ajv.compile(baselineAdminNetworkPolicy),
};

export function isSchemaKind(kind: KnownKind | undefined): kind is SchemaKind {
  return kind !== undefined && Object.hasOwn(SCHEMAS, kind);
}

export function validatorFor(kind: SchemaKind): ValidateFunction {
  return VALIDATORS[kind];
}
