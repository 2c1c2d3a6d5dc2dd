import type { WorkspaceAnalysis } from '../../../server/src/engine';

/**
 * An analysis as plain data, for deep comparison: every problem of every file, every flow with
 * its verdict and log preview, the policies, the world and the logging configuration. What the
 * incremental host gives after an edit must equal what `analyzeWorkspace` gives from scratch.
 */
export function plainAnalysis(analysis: WorkspaceAnalysis): unknown {
  return JSON.parse(
    JSON.stringify({
      dataplane: analysis.dataplane,
      problems: [...analysis.problems].sort(([left], [right]) => left.localeCompare(right)),
      flows: analysis.flows.map((flow) => ({
        uri: flow.uri,
        span: flow.span,
        origin: flow.origin,
        name: flow.name,
        from: flow.from,
        to: flow.to,
        port: flow.port,
        protocol: flow.protocol,
        expect: flow.expect,
        expectLogged: flow.expectLogged,
        ok: flow.ok,
        loggedOk: flow.loggedOk,
        verdict: flow.verdict,
        logs: flow.logs,
      })),
      policies: analysis.policies,
      namespaces: [...analysis.world.namespaces.values()],
      pods: analysis.world.pods,
      assumedDns: analysis.world.assumedDns ?? null,
      logging: analysis.logging,
      objects: analysis.uris.flatMap((uri) =>
        (analysis.file(uri)?.objects ?? []).map((object) => [
          object.uri,
          object.offset,
          object.kind,
        ]),
      ),
      duplicates: [...analysis.duplicates],
    }),
  );
}
