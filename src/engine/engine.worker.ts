/**
 * The engine worker: a shim that wires the worker global to EngineWorkerHost. Everything testable lives
 * in the host and the Engine; this file only exists so Vite can bundle it as a module worker.
 */
import { Engine } from './engine';
import { setWasmThreadOverride } from './ort';
import { threadsFromWorkerName } from './workerName';
import type { EngineRequest, EngineResponse } from './protocol';
import { EngineWorkerHost } from './workerHost';

interface WorkerScope {
  postMessage(message: EngineResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
setWasmThreadOverride(threadsFromWorkerName((self as unknown as { name: string }).name));
const host = new EngineWorkerHost(new Engine(), (message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event) => {
  void host.handle(event.data);
};
