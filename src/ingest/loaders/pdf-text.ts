import { Worker } from 'node:worker_threads';

export interface PdfText {
  pages: string[];
  info: { Title?: string; Subject?: string };
}

type Reply = { id: number } & ({ pages: string[]; info: PdfText['info'] } | { error: string });

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (t: PdfText) => void; reject: (e: Error) => void }>();

// One worker, started on the first PDF and unref'd: it never keeps the process alive, and a
// process that ingests no PDF never loads pdfjs at all.
function pdfWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./pdf-worker.mjs', import.meta.url));
  w.unref();
  w.on('message', (m: Reply) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (p) 'error' in m ? p.reject(new Error(m.error)) : p.resolve({ pages: m.pages, info: m.info });
    if (pending.size === 0) w.unref();
  });
  // 'error' is followed by 'exit': only the first, while this is still the worker, fails requests.
  const fail = (err: Error) => {
    if (worker !== w) return;
    worker = null;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`the PDF worker exited (code ${code})`)));
  worker = w;
  return w;
}

/** The text of each page and the document's Title and Subject, extracted off the main thread. */
export function extractPdfText(bytes: Uint8Array): Promise<PdfText> {
  const id = nextId++;
  const data = new Uint8Array(bytes); // a copy: its buffer is moved to the worker
  const w = pdfWorker();
  return new Promise<PdfText>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref(); // alive while a PDF is in flight; unref'd again when none is
    w.postMessage({ id, data }, [data.buffer]);
  });
}
