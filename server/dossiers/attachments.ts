// Justificatifs: uploads are read with a size limit while they stream (multer stops at the
// justificatif's maximum), typed from their content (magic bytes, never the name or the
// client's MIME type), stored under a generated name, then attached through the engine.
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import multer from 'multer';
import { fileTypeFromBuffer } from 'file-type';
import type { Request, Response } from 'express';
import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../http/errors.js';
import { applyEvent, findDossier, type Actor } from './service.js';
import { procedureForVersion } from './versions.js';
import { attachmentsOf } from './state.js';

const MAX_FILES = 10;
const UNSAFE_NAME = /[\u0000-\u001f\u007f/\\]|\.\./;

interface Upload {
  originalname: string;
  buffer: Buffer;
  size: number;
}

function receive(req: Request, res: Response, maxSize: number, maxFiles: number): Promise<Upload[]> {
  const middleware = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxSize, files: maxFiles, fields: 0, parts: maxFiles }, defParamCharset: 'utf8', preservePath: true }).array('files', maxFiles);
  return new Promise((resolve, reject) => {
    middleware(req, res, (error: unknown) => {
      if (!error) return resolve(((req as Request & { files?: Upload[] }).files ?? []) as Upload[]);
      const code = (error as { code?: string }).code;
      if (code === 'LIMIT_FILE_SIZE') reject(new AppError('PAYLOAD_TOO_LARGE', `Fichier trop volumineux : ${Math.round(maxSize / 1048576)} Mo au maximum.`));
      else if (code === 'LIMIT_FILE_COUNT' || code === 'LIMIT_PART_COUNT' || code === 'LIMIT_UNEXPECTED_FILE') reject(new AppError('INVALID_INPUT', `Envoyez au plus ${maxFiles} fichier(s), dans le champ « files ».`));
      else if (code === 'LIMIT_FIELD_COUNT') reject(new AppError('INVALID_INPUT', 'Seuls des fichiers sont attendus.'));
      else reject(new AppError('INVALID_INPUT', "L'envoi du fichier a échoué ; réessayez."));
    });
  });
}

const typeLabel = (mime: string) => (mime === 'application/pdf' ? 'PDF' : mime === 'image/jpeg' ? 'JPEG' : mime);

/** Checks one received file; returns its type read from the content. */
async function inspect(file: Upload, accept: string[]): Promise<string> {
  const name = file.originalname ?? '';
  if (!name.trim() || name.length > 200 || UNSAFE_NAME.test(name)) {
    throw new AppError('INVALID_INPUT', 'Nom de fichier refusé : retirez les caractères spéciaux (/, \\, .., caractères de contrôle) et réessayez.', [{ instancePath: '/files', keyword: 'filename', message: 'Nom de fichier invalide.', params: {} }]);
  }
  if (file.size === 0) throw new AppError('INVALID_INPUT', `Le fichier « ${name} » est vide.`);
  const detected = await fileTypeFromBuffer(file.buffer.subarray(0, 4100));
  if (!detected || !accept.includes(detected.mime)) {
    throw new AppError('UNSUPPORTED_TYPE', `Le fichier « ${name} » n'est pas un ${accept.map(typeLabel).join(' ou un ')} valide (son contenu a été vérifié).`);
  }
  return detected.mime;
}

/** Receives files for one justificatif of a dossier and attaches them, or stores nothing. */
export async function uploadJustificatifs(deps: AppDeps, actor: Actor, req: Request, res: Response, dossierId: string, key: string) {
  const row = await findDossier(deps.db, actor, dossierId);
  const procedure = await procedureForVersion(deps, deps.db, row.version_id);
  const spec = procedure.justificatifByKey.get(key);
  if (!spec) throw notFound('Justificatif');
  if (!procedure.tagsOf(row.status).includes('editable')) {
    throw new AppError('NOT_EDITABLE', 'Ce dossier a été envoyé : ses pièces ne peuvent plus être modifiées.');
  }
  if (!req.is('multipart/form-data')) throw new AppError('UNSUPPORTED_TYPE', 'Envoyez les fichiers en multipart/form-data.');
  const files = await receive(req, res, spec.maxSize, spec.multiple ? MAX_FILES : 1);
  if (files.length === 0) throw new AppError('INVALID_INPUT', 'Aucun fichier reçu.');
  const typed: { file: Upload; mime: string }[] = [];
  for (const file of files) typed.push({ file, mime: await inspect(file, spec.accept) });
  const stored: string[] = [];
  let revision = row.revision;
  try {
    for (const { file, mime } of typed) {
      const storageName = randomBytes(24).toString('hex');
      await deps.storage.put(storageName, file.buffer);
      stored.push(storageName);
      const ref = { id: randomUUID(), name: file.originalname.normalize('NFC'), type: mime, size: file.size };
      const done = await applyEvent(deps, actor, dossierId, { type: 'ATTACH', key, file: ref }, {
        after: async (trx) => {
          await trx('attachments').insert({
            id: ref.id, dossier_id: dossierId, justificatif_key: key, storage_name: storageName, display_name: ref.name,
            mime, size: file.size, sha256: createHash('sha256').update(file.buffer).digest('hex'),
            // With an antivirus, nobody opens it before the scan says clean (fail closed).
            scan_status: deps.config.clamav ? 'pending' : null,
          });
        },
      });
      revision = done.row.revision;
    }
  } catch (error) {
    // Files whose attachment did not commit must not linger.
    const committed = new Set((await deps.db('attachments').whereIn('storage_name', stored).select('storage_name')).map((r) => r.storage_name));
    await Promise.all(stored.filter((s) => !committed.has(s)).map((s) => deps.storage.remove(s)));
    throw error;
  }
  deps.antivirus?.kick();
  // The new revision, so the next autosave is checked against this change too.
  return { attachments: await attachmentsOf(deps.db, dossierId), revision };
}

export async function deleteJustificatif(deps: AppDeps, actor: Actor, dossierId: string, key: string, fileId: string) {
  const { row } = await applyEvent(deps, actor, dossierId, { type: 'DETACH', key, fileId }, {
    after: async (trx) => {
      await trx('attachments').where({ id: fileId, dossier_id: dossierId }).update({ deleted_at: deps.clock.now() });
    },
  });
  return { attachments: await attachmentsOf(deps.db, dossierId), revision: row.revision };
}

/** A stored justificatif for whoever may see its dossier: the family, or an agent. */
export async function readJustificatif(deps: AppDeps, actor: Actor, fileId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) throw notFound('Document');
  const query = deps.db('attachments as a').join('dossiers as d', 'd.id', 'a.dossier_id').where({ 'a.id': fileId }).whereNull('a.deleted_at');
  if (actor.role === 'parent') query.where({ 'd.family_id': actor.familyId });
  const row = await query.first('a.storage_name', 'a.display_name', 'a.mime', 'a.size', 'a.scan_status');
  if (!row) throw notFound('Document');
  if (row.scan_status === 'infected') {
    throw new AppError('FILE_QUARANTINED', "Ce document a été bloqué par l'antivirus : il ne peut pas être ouvert. La famille a été prévenue et doit en déposer une nouvelle copie.");
  }
  if (row.scan_status === 'pending' || (row.scan_status === null && deps.config.clamav)) {
    throw new AppError('SCAN_PENDING', "Ce document est en cours d'analyse antivirus : il pourra être ouvert dans quelques instants.", [], { 'Retry-After': '10' });
  }
  return { data: await deps.storage.get(row.storage_name), name: row.display_name as string, mime: row.mime as string };
}
