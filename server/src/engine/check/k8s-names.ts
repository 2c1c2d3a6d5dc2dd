// The API server's name and label validation, from k8s.io/apimachinery/pkg/util/validation.
// Each function returns why a value is invalid, or undefined when it is valid.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const LOWER_ALNUM =
  'lower-case letters, digits and "-", starting and ending with a letter or digit';
const ALNUM_MIXED = 'letters, digits, "-", "_" and ".", starting and ending with a letter or digit';

/** IsDNS1123Label: namespace names. */
export function whyNotDns1123Label(value: string): string | undefined {
  if (value.length > 63) {
    return 'must be at most 63 characters';
  }
  return DNS1123_LABEL.test(value) ? undefined : `must consist of ${LOWER_ALNUM}`;
}

/** IsDNS1123Subdomain: most object names, and label key prefixes. */
export function whyNotDns1123Subdomain(value: string): string | undefined {
  if (value.length > 253) {
    return 'must be at most 253 characters';
  }
  return DNS1123_SUBDOMAIN.test(value)
    ? undefined
    : `must consist of ${LOWER_ALNUM}, in parts separated by "."`;
}

/** IsQualifiedName: label and annotation keys, `[prefix/]name`. */
export function whyNotQualifiedName(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length > 2) {
    return 'may contain at most one "/"';
  }
  const name = parts.at(-1) ?? '';
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') {
      return 'must not have an empty prefix before "/"';
    }
    const prefixReason = whyNotDns1123Subdomain(prefix);
    if (prefixReason !== undefined) {
      return `has a prefix that ${prefixReason}`;
    }
  }
  if (name === '') {
    return 'must have a name';
  }
  if (name.length > 63) {
    return 'must have a name of at most 63 characters';
  }
  return QUALIFIED_NAME.test(name) ? undefined : `must have a name of ${ALNUM_MIXED}`;
}

/** IsValidLabelValue: may be empty. */
export function whyNotLabelValue(value: string): string | undefined {
  if (value.length > 63) {
    return 'must be at most 63 characters';
  }
  return LABEL_VALUE.test(value) ? undefined : `must be empty or consist of ${ALNUM_MIXED}`;
}

/** IsValidPortName: an IANA service name (RFC 6335). */
export function whyNotPortName(value: string): string | undefined {
  if (value.length > 15) {
    return 'must be at most 15 characters';
  }
  if (!/^[-a-z0-9]+$/.test(value)) {
    return 'must consist of lower-case letters, digits and "-"';
  }
  if (!/[a-z]/.test(value)) {
    return /^\d+$/.test(value)
      ? 'must contain a letter; write a port number without quotes'
      : 'must contain at least one letter';
  }
  if (value.startsWith('-') || value.endsWith('-')) {
    return 'must not start or end with "-"';
  }
  return value.includes('--') ? 'must not contain "--"' : undefined;
}
