// The dossier's justificatifs, each file previewed in the page (a PDF in a frame the server
// sandboxes, a JPEG as an image) and downloadable.
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

function Preview({ file }: { file: AttachmentRef }) {
  const src = adminApi.fileUrl(file.id, true);
  if (file.type === 'image/jpeg') {
    return <Box component="img" src={src} alt={`Aperçu du document ${file.name}`} loading="lazy" sx={{ display: 'block', maxWidth: '100%', maxHeight: 640, border: 1, borderColor: 'divider' }} />;
  }
  if (file.type === 'application/pdf') {
    return (
      <Box
        component="iframe"
        src={src}
        title={`Aperçu du document ${file.name}`}
        loading="lazy"
        referrerPolicy="no-referrer"
        sx={{ display: 'block', width: '100%', height: { xs: 420, md: 640 }, border: 1, borderColor: 'divider', bgcolor: 'grey.100' }}
      />
    );
  }
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
