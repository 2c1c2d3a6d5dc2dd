export { analyzeFile, DEFAULT_MAX_FILE_SIZE } from './analyze-file';
export type { FileAnalysis, FileOptions, DocumentAnalysis, PlacedDocument } from './analyze-file';
export { analyzeWorkspace } from './analyze-workspace';
export type { WorkspaceAnalysis, WorkspaceOptions } from './analyze-workspace';
export { describeAt } from './describe-at';
export type { Problem, Severity } from './problem';
export type { Span } from './span';
