/**
 * One promise chain for everything that touches ORT sessions: onnxruntime-web does not allow concurrent
 * runs on one session, and creating a session while another runs competes for the same WASM heap.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task enqueued before it; a failed task does not block the next. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
