import { describe, expect, it } from 'vitest';
import { sessionCreateError, sessionRunError, webgpuFailureReason } from '../../../src/engine/ortErrors';

describe('ORT error mapping', () => {
  it('maps unparseable ONNX to model-corrupt', () => {
    const ort = new Error("Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed.");
    expect(sessionCreateError(ort, 'generator')).toMatchObject({ code: 'model-corrupt', detail: ort.message });
    expect(sessionCreateError(new Error('ERROR_CODE: 10, invalid graph'), 'encoder').code).toBe('model-corrupt');
  });

  it('maps allocation failures to model-too-large', () => {
    expect(sessionCreateError(new RangeError('Array buffer allocation failed'), 'generator').code).toBe('model-too-large');
    expect(sessionCreateError(new Error('Aborted(OOM)'), 'generator').code).toBe('model-too-large');
    expect(sessionRunError(new Error('Cannot enlarge memory arrays'), 'generator').code).toBe('model-too-large');
  });

  it('keeps other failures internal with the session named', () => {
    const error = sessionRunError(new Error('kernel exploded'), 'encoder');
    expect(error).toMatchObject({ code: 'internal' });
    expect(error.message).toMatch(/encoder.*kernel exploded/);
  });

  it('says "device lost" in plain words', () => {
    expect(webgpuFailureReason(new Error('GPUDevice was lost: destroyed'))).toBe('the GPU device was lost');
  });
});
