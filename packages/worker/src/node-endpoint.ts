// comlink's Node adapter with types: the package ships it at an ESM path without declarations
// (see TOOLCHAIN.md), so this module is the one place that imports it untyped.
import type { Endpoint } from 'comlink';
// @ts-expect-error -- comlink/dist/esm/node-adapter.mjs has no type declarations
import untypedNodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

/** What the adapter needs: a worker_threads Worker, MessagePort or parentPort. */
export interface NodeEndpointLike {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  on(type: string, listener: (value: unknown) => void): unknown;
  off(type: string, listener: (value: unknown) => void): unknown;
  start?: () => void;
}

/** A comlink Endpoint over a worker_threads Worker, MessagePort or parentPort. */
export const nodeEndpoint = untypedNodeEndpoint as (nep: NodeEndpointLike) => Endpoint;
