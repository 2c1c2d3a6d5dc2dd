import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  endpointAtRequest,
  endpointsRequest,
  simulateFlowRequest,
} from '../../server/src/protocol';
import type { SimulateFlowParams } from '../../server/src/protocol';
import { addToSampleFlows } from './add-to-sample-flows';
import { ALLOW_THIS_FLOW, allowFlow } from './allow-flow';
import { findEndpoint, pickEndpoint } from './endpoint-picks';
import {
  FLOW_SCHEME,
  paramsOf,
  renderSimulation,
  summaryOf,
  toUri,
  verdictOf,
} from './flow-document';
import type { Chosen } from './endpoint-picks';
import { pickPort, pickProtocol } from './flow-picks';
import { registerCommand, showError } from './run-command';
import { registerVirtualDocuments, renderFailure, showBeside } from './virtual-documents';

export const simulateFlowCommand = 'netpol.simulateFlow';
export const addToSampleFlowsCommand = 'netpol.addToSampleFlows';
export const allowSimulatedFlowCommand = 'netpol.allowSimulatedFlow';
export const ADD_TO_SAMPLE_FLOWS = 'Add to SampleFlows';
const TITLE = 'Simulate Flow';

/** "Simulate Flow": pick a flow, see its verdict, explanation and log lines, keep it as a test. */
export function registerSimulateFlow(client: LanguageClient): vscode.Disposable {
  return vscode.Disposable.from(
    registerVirtualDocuments(FLOW_SCHEME, async (uri, token) => {
      try {
        const params = paramsOf(uri);
        return renderSimulation(
          params,
          await client.sendRequest(simulateFlowRequest, params, token),
        );
      } catch (error) {
        return renderFailure('The simulation', error);
      }
    }),
    registerCommand(simulateFlowCommand, (argument) => simulate(client, argument)),
    registerCommand(addToSampleFlowsCommand, (argument) => addSimulated(client, argument)),
    registerCommand(allowSimulatedFlowCommand, (argument) => allowSimulated(client, argument)),
  );
}

async function simulate(client: LanguageClient, argument: unknown): Promise<void> {
  const params = await chooseFlow(client, await presetOf(client, argument));
  if (params === undefined) {
    return;
  }
  const result = await client.sendRequest(simulateFlowRequest, params);
  if (!result.ok) {
    void vscode.window.showErrorMessage(`netpol-lens: ${result.message}`);
    return;
  }
  await showBeside(toUri(params), 'netpol-log');
  const choices =
    verdictOf(result) === 'deny' ? [ADD_TO_SAMPLE_FLOWS, ALLOW_THIS_FLOW] : [ADD_TO_SAMPLE_FLOWS];
  // Not awaited: the notification may stay open for long, and the command is done.
  void vscode.window
    .showInformationMessage(summaryOf(result), ...choices)
    .then((choice) =>
      choice === ADD_TO_SAMPLE_FLOWS
        ? addSimulated(client, params)
        : choice === ALLOW_THIS_FLOW
          ? allowFlow(client, params)
          : undefined,
    )
    .then(undefined, showError);
}

type Preset = Partial<SimulateFlowParams>;

async function chooseFlow(
  client: LanguageClient,
  preset: Preset,
): Promise<SimulateFlowParams | undefined> {
  const endpoints = await client.sendRequest(endpointsRequest, {});
  const known = (ref: string): Chosen => ({ ref, endpoint: findEndpoint(endpoints, ref) });
  const from =
    preset.from !== undefined
      ? known(preset.from)
      : await pickEndpoint(
          endpoints,
          `${TITLE}: source`,
          'Pick the source pod or workload, or enter an IP address',
        );
  if (from === undefined) {
    return undefined;
  }
  const to =
    preset.to !== undefined
      ? known(preset.to)
      : await pickEndpoint(
          endpoints,
          `${TITLE}: destination (from ${from.ref})`,
          'Pick the destination pod or workload, or enter an IP address',
        );
  if (to === undefined) {
    return undefined;
  }
  const port =
    preset.port !== undefined ? { port: preset.port } : await pickPort(`${TITLE}: port`, to);
  if (port === undefined) {
    return undefined;
  }
  const protocol = preset.protocol ?? (await pickProtocol(`${TITLE}: protocol`, port.protocol));
  return protocol === undefined
    ? undefined
    : { from: from.ref, to: to.ref, port: port.port, protocol };
}

// A flow's code lens passes the flow; the editor context menu passes the file's Uri, and then
// the workload under the cursor, if any, is the source.
async function presetOf(client: LanguageClient, argument: unknown): Promise<Preset> {
  if (argument instanceof vscode.Uri) {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || editor.document.uri.toString() !== argument.toString()) {
      return {};
    }
    const endpoint = await client.sendRequest(endpointAtRequest, {
      uri: argument.toString(),
      position: editor.selection.active,
    });
    return endpoint === null ? {} : { from: endpoint.ref };
  }
  if (typeof argument !== 'object' || argument === null) {
    return {};
  }
  const record = argument as Record<string, unknown>;
  const text = (key: string): string | undefined =>
    typeof record[key] === 'string' || typeof record[key] === 'number'
      ? String(record[key])
      : undefined;
  return { from: text('from'), to: text('to'), port: text('port'), protocol: text('protocol') };
}

async function addSimulated(client: LanguageClient, argument: unknown): Promise<void> {
  const params = shownFlow(argument, 'adds the flow it shows to a SampleFlows file');
  if (params === undefined) {
    return;
  }
  // Simulated again, so that `expect` is the verdict of the workspace as it is now.
  const result = await client.sendRequest(simulateFlowRequest, params);
  if (!result.ok) {
    void vscode.window.showErrorMessage(`netpol-lens: ${result.message}`);
    return;
  }
  const port = /^\d+$/.test(params.port) ? Number(params.port) : params.port;
  const protocol = params.protocol ?? 'TCP';
  await addToSampleFlows(client, {
    name: `${params.from} to ${params.to} on ${port}/${protocol}`,
    from: params.from,
    to: params.to,
    port,
    protocol,
    expect: verdictOf(result) === 'allow' ? 'allow' : 'deny',
  });
}

/** "Allow this flow" for the simulated flow shown, as the workspace decides it now. */
async function allowSimulated(client: LanguageClient, argument: unknown): Promise<void> {
  const params = shownFlow(argument, 'allows the flow it shows');
  if (params === undefined) {
    return;
  }
  await allowFlow(client, params);
}

/**
 * The simulated flow a command acts on: the one it was given (a button passes it), or the one
 * the simulated-flow view in front shows; when there is none, says which command makes one.
 */
function shownFlow(argument: unknown, what: string): SimulateFlowParams | undefined {
  const params =
    argument instanceof vscode.Uri || argument === undefined
      ? activeParams(argument)
      : (argument as SimulateFlowParams);
  if (params === undefined) {
    void vscode.window.showInformationMessage(`Run "NetworkPolicy: ${TITLE}" first: this ${what}.`);
  }
  return params;
}

function activeParams(argument: vscode.Uri | undefined): SimulateFlowParams | undefined {
  const uri = argument ?? vscode.window.activeTextEditor?.document.uri;
  return uri?.scheme === FLOW_SCHEME ? paramsOf(uri) : undefined;
}
