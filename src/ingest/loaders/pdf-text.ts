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
  });
  const fail = (err: Error) => {
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
  return new Promise<PdfText>((resolve, reject) => {
    const w = pdfWorker();
    w.ref(); // alive while a PDF is in flight
    const settle = () => {
      if (pending.size === 0) w.unref();
    };
    pending.set(id, {
      resolve: (t) => {
        resolve(t);
        settle();
      },
      reject: (e) => {
        reject(e);
        settle();
      },
    });
    w.postMessage({ id, data }, [data.buffer]);
  });
}
