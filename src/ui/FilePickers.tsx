/**
 * Hidden file inputs behind File > Open…: model files, a model folder (webkitdirectory) and a studio
 * PNG/preset. Exposed through a ref so menu items can open them inside the click (browsers only allow a
 * picker from a user gesture). Each input has a data-testid so e2e tests can set files on it directly.
 */
import { forwardRef, useImperativeHandle, useRef, type ChangeEvent } from 'react';

export interface FilePickersHandle {
  pickModelFiles(): void;
  pickModelFolder(): void;
  pickStateFile(): void;
}

export interface FilePickersProps {
  onFiles(files: File[]): void;
}

export const FilePickers = forwardRef<FilePickersHandle, FilePickersProps>(function FilePickers({ onFiles }, ref) {
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const state = useRef<HTMLInputElement>(null);

  useImperativeHandle(ref, () => ({
    pickModelFiles: () => files.current?.click(),
    pickModelFolder: () => folder.current?.click(),
    pickStateFile: () => state.current?.click(),
  }));

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const picked = Array.from(e.target.files ?? []);
    e.target.value = ''; // picking the same file again must fire change again
    if (picked.length) onFiles(picked);
  };

  return (
    <div hidden>
      <input ref={files} type="file" multiple accept=".json,.onnx,.data,.bin,.md" onChange={onChange} data-testid="open-model-files-input" />
      <input
        ref={(el) => {
          folder.current = el;
          // React does not know the attribute; set it on the element.
          if (el) el.webkitdirectory = true;
        }}
        type="file"
        multiple
        onChange={onChange}
        data-testid="open-model-folder-input"
      />
      <input ref={state} type="file" accept=".png,.json,image/png,application/json" onChange={onChange} data-testid="open-state-input" />
    </div>
  );
});
