// The dossier's justificatifs, each file previewed in the page (a PDF in a frame the server
// sandboxes, a JPEG as an image) and downloadable.
import { useEffect, useRef, type RefObject } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { formatSize } from '../../../renderer/src/format.js';
import { Empty } from '../../../renderer/src/ui.js';
import type { AttachmentRef } from '../../../engine/types.js';
import { adminApi } from '../api.js';

/** Only a document the antivirus (when there is one) found clean can be opened. */
const opens = (file: AttachmentRef) => file.scan === undefined || file.scan === 'clean';

/**
 * Keeps the focus out of a preview frame that takes it by itself. Chromium's PDF viewer, when it
 * cannot read a document, focuses its error box: the reason an agent was typing (« Pièce
 * illisible ») went into the frame and was lost, and a keyboard or screen-reader user was moved
 * without asking. Focus the agent gives the frame — a click on it, or Tab — stays there.
 */
function useFocusNotTakenBy(frame: RefObject<HTMLIFrameElement | null>) {
  useEffect(() => {
    let before: Element | null = document.activeElement;
    let tabbedAt = -Infinity;
    const onFocusIn = (e: FocusEvent) => {
      if (e.target !== frame.current) before = e.target as Element;
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Tab') tabbedAt = performance.now();
    };
    // Focus going into a frame blurs the window, with the frame already the active element.
    const onBlur = () => {
      const el = frame.current;
      if (!el || document.activeElement !== el || el.matches(':hover') || performance.now() - tabbedAt < 1000) return;
      const back = before;
      // Not from inside the blur: Chromium is still moving the focus into the frame then.
      if (back instanceof HTMLElement && back !== el) setTimeout(() => back.isConnected && back.focus({ preventScroll: true }));
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('blur', onBlur);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('blur', onBlur);
    };
  }, [frame]);
}

function PdfFrame({ src, name }: { src: string; name: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  useFocusNotTakenBy(frame);
  return (
    <Box
      component="iframe"
      ref={frame}
      src={src}
      title={`Aperçu du document ${name}`}
      loading="lazy"
      referrerPolicy="no-referrer"
      sx={{ display: 'block', width: '100%', height: { xs: 420, md: 640 }, border: 1, borderColor: 'divider', bgcolor: 'grey.100' }}
    />
  );
}

function Preview({ file }: { file: AttachmentRef }) {
  const src = adminApi.fileUrl(file.id, true);
  if (file.type === 'image/jpeg') {
    return <Box component="img" src={src} alt={`Aperçu du document ${file.name}`} loading="lazy" sx={{ display: 'block', maxWidth: '100%', maxHeight: 640, border: 1, borderColor: 'divider' }} />;
  }
  if (file.type === 'application/pdf') return <PdfFrame src={src} name={file.name} />;
  return <Typography color="text.secondary">Aperçu indisponible pour ce type de fichier.</Typography>;
}

export function AttachmentsPreview({ attachments }: { attachments: { key: string; label: string; files: AttachmentRef[] }[] }) {
  if (!attachments.length) return <Empty>Cette démarche ne demande pas de justificatif.</Empty>;
  return (
    <>
      {attachments.map((group) => (
        <Box key={group.key} component="section" aria-labelledby={`pj-${group.key}`} sx={{ mb: 3 }} data-justificatif-preview={group.key}>
          <Typography id={`pj-${group.key}`} component="h3" variant="h3" sx={{ mb: 1 }}>{group.label}</Typography>
          {group.files.length === 0 && <Empty>Aucun document joint.</Empty>}
          {group.files.map((file) => (
            <Box key={file.id} component="figure" sx={{ m: 0, mb: 2 }}>
              <Box component="figcaption" sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
                <Typography component="span" sx={{ fontWeight: 700, wordBreak: 'break-all' }}>{file.name}</Typography>
                <Typography component="span" color="text.secondary">({file.type === 'application/pdf' ? 'PDF' : file.type === 'image/jpeg' ? 'JPEG' : file.type}, {formatSize(file.size)})</Typography>
                {file.scan === 'pending' && <Typography component="span" sx={{ fontWeight: 700 }}>Analyse antivirus en cours : le document pourra être ouvert ensuite.</Typography>}
                {file.scan === 'infected' && <Typography component="span" color="error" sx={{ fontWeight: 700 }}>Bloqué par l'antivirus : ce document ne peut pas être ouvert ; la famille a été prévenue.</Typography>}
                {opens(file) && (
                  <>
                <Button size="small" variant="outlined" startIcon={<DownloadIcon />} component="a" href={adminApi.fileUrl(file.id)} download={file.name} aria-label={`Télécharger : ${file.name}`}>
                  Télécharger
                </Button>
                <Button size="small" startIcon={<OpenInNewIcon />} component="a" href={adminApi.fileUrl(file.id, true)} target="_blank" rel="noopener noreferrer" aria-label={`Ouvrir dans un onglet : ${file.name} (nouvel onglet)`}>
                  Ouvrir dans un onglet
                </Button>
                  </>
                )}
              </Box>
              {opens(file) && <Preview file={file} />}
            </Box>
          ))}
        </Box>
      ))}
    </>
  );
}
