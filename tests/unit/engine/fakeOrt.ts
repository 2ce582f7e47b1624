/**
 * A stand-in for the onnxruntime-web module, enough for Engine's provider fallback and disposal logic,
 * which real ORT cannot exercise in Node (no WebGPU there).
 */
import type { OrtModule } from '../../../src/engine/ort';

export class FakeTensor {
  disposed = false;
  readonly location = 'cpu';
  constructor(
    readonly type: string,
    readonly data: Float32Array,
    readonly dims: number[],
  ) {}
  async getData(): Promise<Float32Array> {
    return this.data;
  }
  dispose(): void {
    this.disposed = true;
  }
}

export interface FakeSessionOptions {
  executionProviders: string[];
}

export class FakeSession {
  released = false;
  readonly inputNames = ['x'];
  readonly outputNames = ['y'];
  readonly inputMetadata = [{ name: 'x', isTensor: true, type: 'float32', shape: ['batch', 2] }];
  readonly outputMetadata = [{ name: 'y', isTensor: true, type: 'float32', shape: [-1, 2] }];
  constructor(
    readonly provider: string,
    private readonly ort: FakeOrt,
  ) {}
  async run(feeds: Record<string, FakeTensor>): Promise<Record<string, FakeTensor>> {
    this.ort.inputs.push(...Object.values(feeds));
    const failure = this.ort.runFailure(this.provider);
    if (failure) throw failure;
    const x = feeds.x.data;
    const y = new FakeTensor('float32', Float32Array.from(x, (v) => v * 2), [...feeds.x.dims]);
    this.ort.outputs.push(y);
    return { y };
  }
  async release(): Promise<void> {
    this.released = true;
  }
}

export class FakeOrt {
  readonly env = { wasm: {} as Record<string, unknown>, webgpu: {} as Record<string, unknown>, logLevel: 'warning' };
  readonly sessions: FakeSession[] = [];
  readonly inputs: FakeTensor[] = [];
  readonly outputs: FakeTensor[] = [];
  readonly flavors: string[] = [];
  createFailure: (provider: string) => Error | null = () => null;
  runFailure: (provider: string) => Error | null = () => null;

  readonly Tensor = FakeTensor;
  readonly InferenceSession = {
    create: async (_bytes: Uint8Array, options: FakeSessionOptions) => {
      const provider = options.executionProviders[0];
      const failure = this.createFailure(provider);
      if (failure) throw failure;
      const session = new FakeSession(provider, this);
      this.sessions.push(session);
      return session;
    },
  };

  loader = async (flavor: string): Promise<OrtModule> => {
    this.flavors.push(flavor);
    return this as unknown as OrtModule;
  };
}
