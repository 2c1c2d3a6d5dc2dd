export { readLoggingConfig } from './config';
export type {
  LogAction,
  LoggingConfig,
  LoggingNote,
  LoggingNoteCode,
  LoggingSource,
} from './config';
export { previewLogs } from './preview';
export { toRecordLine } from './record-line';
export { toCloudLoggingEntry, CLOUD_LOGGING_NOTE } from './cloud-logging';
export type { CloudLoggingEntry, CloudLoggingOptions, CloudLoggingView } from './cloud-logging';
export { checkExpectLogged, isLogged } from './expect';
export { flowQuery, policyQuery } from './query';
export type { LoggingQuery, LoggingTarget } from './query';
export { ALLOW_ANNOTATION, DENY_ANNOTATION } from './messages';
export type {
  AnnotationFix,
  Disposition,
  LogPreview,
  LogPreviewEntry,
  LoggedEntry,
  NotLoggedEntry,
  NotLoggedReason,
  PlaceholderField,
  PolicyActionRecord,
  PreviewOptions,
  RecordConnection,
  RecordEndpoint,
  RecordPolicy,
  RecordProtocol,
} from './types';
