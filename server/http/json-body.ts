// The JSON body of a request to the route table: UTF-8, at most 1 MB, parsed once. What
// express.json (body-parser) did for these routes, without the generality they never use
// (other charsets, compressed bodies, configurable types): on the autosave path its
// machinery cost more than the parsing itself (`npm run bench`). Every refusal is an
// AppError the error handler answers in French; a refused body is read to its end first,
// so the client gets the answer instead of a cut connection.
import type { IncomingMessage } from 'node:http';
import { AppError } from './errors.js';

export const JSON_LIMIT = 1024 * 1024;

export function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** The media type without parameters, lower case ('' when absent). */
export function mediaType(req: IncomingMessage): string {
  const header = req.headers['content-type'];
  if (!header) return '';
  const semicolon = header.indexOf(';');
  return (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
}

const notJson = () => new AppError('UNSUPPORTED_TYPE', 'Le corps de la requête doit être du JSON (Content-Type: application/json).');
const badEncoding = () => new AppError('UNSUPPORTED_TYPE', "L'encodage de la requête n'est pas pris en charge.");
const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', 'La requête est trop volumineuse (1 Mo au plus).');
const malformed = () => new AppError('INVALID_INPUT', "Le corps de la requête n'est pas un JSON valide.");

/** Why this request's body cannot be read as JSON, before reading it; undefined when it can. */
function refusal(req: IncomingMessage): AppError | undefined {
  if (mediaType(req) !== 'application/json') return notJson();
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type']!)?.[1].toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return badEncoding();
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return badEncoding();
  if (Number(req.headers['content-length'] ?? 0) > JSON_LIMIT) return tooLarge();
  return undefined;
}

/** Reads the rest of a refused body, then gives the refusal (or the stream's own error). */
function discard(req: IncomingMessage, error: AppError): Promise<never> {
  return new Promise((_resolve, reject) => {
    req.removeAllListeners('data');
    req.on('error', () => reject(error));
    req.on('end', () => reject(error));
    req.resume();
  });
}

/**
 * The parsed body; undefined when the request has none. Strict, like body-parser's default:
 * the document must be an object or an array.
 */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (!hasBody(req)) return Promise.resolve(undefined);
  const refused = refusal(req);
  if (refused) return discard(req, refused);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > JSON_LIMIT) {
        req.off('end', onEnd);
        discard(req, tooLarge()).catch(reject);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)).toString('utf8');
      const first = /\S/.exec(text)?.[0];
      if (first !== '{' && first !== '[') return reject(malformed());
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(malformed());
      }
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', () => reject(new AppError('INVALID_INPUT', 'La requête a été interrompue.')));
  });
}
