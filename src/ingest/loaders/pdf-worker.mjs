// Runs in a worker thread: pdf-parse's pdfjs (legacy build) installs core-js polyfills that
// replace built-ins such as Array.prototype.push for the whole realm. Kept here they slow nothing
// else (in the server's thread they cost ~2 ms a message); and a big PDF doesn't block requests.
// Plain JavaScript so it loads the same under tsx, vitest and node.
import { parentPort } from 'node:worker_threads';
import { PDFParse } from 'pdf-parse';

parentPort.on('message', async ({ id, data }) => {
  const parser = new PDFParse({ data });
  try {
    const pages = (await parser.getText()).pages.map((p) => p.text);
    const info = (await parser.getInfo()).info ?? {};
    const pick = (v) => (typeof v === 'string' ? v : undefined);
    parentPort.postMessage({ id, pages, info: { Title: pick(info.Title), Subject: pick(info.Subject) } });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
});
