import { useRef, useState } from 'react';
import { useT } from '../i18n.js';
import { Field } from './Field.js';

/** A file's bytes as base64, in slices so a large workbook does not overflow the call stack. */
export async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A labelled file input behind our own button, with the chosen file's name beside it. */
export function FilePicker({ label, accept, disabled, onFile }: { label: string; accept: string; disabled: boolean; onFile: (file: File) => void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState('');
  return (
    <>
      {/* The browser's own file button speaks the browser's language; ours speaks the clerk's. */}
      <Field label={label}>
        <input
          ref={input}
          type="file"
          className="visually-hidden"
          // our button is the way in by keyboard too: a second, invisible Tab stop would hide focus
          tabIndex={-1}
          accept={accept}
          disabled={disabled}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setChosen(file.name);
            onFile(file);
          }}
        />
      </Field>
      <button type="button" className="secondary" disabled={disabled} onClick={() => input.current?.click()}>
        {t('chooseFile')}
      </button>
      <span className="muted">{chosen}</span>
    </>
  );
}
