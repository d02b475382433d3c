import { isFileLike } from '@halway/hal';
/** A multipart body and its content type. */
export interface MultipartBody {
  /** `multipart/form-data; boundary=…`. */
  contentType: string;
  /** The bytes. */
  body: Uint8Array<ArrayBuffer>;
}

/**
 * Writes `multipart/form-data` parts (text values and Blob/File values) with a boundary chosen
 * once. `FormData` would pick a new boundary on every send, so a retry would carry other bytes
 * and a server checking Idempotency-Key payloads would refuse it as a different request.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7578
 * @see https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#multipart-form-data
 */
export async function encodeMultipart(parts: [string, unknown][]): Promise<MultipartBody> {
  const boundary = `----halway-${crypto.randomUUID()}`;
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const [name, value] of parts) {
    const disposition = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`;
    if (isFileLike(value)) {
      const filename = typeof value.name === 'string' && value.name !== '' ? value.name : 'blob';
      const type = value.type || 'application/octet-stream';
      chunks.push(
        encoder.encode(
          `${disposition}; filename="${escapeName(filename)}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        new Uint8Array(await value.arrayBuffer()),
        encoder.encode('\r\n'),
      );
    } else {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      chunks.push(encoder.encode(`${disposition}\r\n\r\n${text}\r\n`));
    }
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  const body = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

/** Base64 of bytes, so a binary body fits in a JSON cursor or outbox record. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

/** The bytes a base64 string stands for. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

// The HTML standard's escaping for names in a multipart Content-Disposition.
function escapeName(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
