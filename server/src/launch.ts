/**
 * Node options of the language server's process: the extension starts it with them, and the
 * bench measures it so. Each semi-space of V8's young generation is held to 4 MB (Node's default
 * lets it grow to 16): the server's heap is mostly long-lived analysis, and the larger young
 * generation raised its peak resident memory on a large workspace without making it faster
 * (bench/README.md has the figures).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];
