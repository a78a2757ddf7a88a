// "Mentions légales" of the portal.
import Typography from '@mui/material/Typography';
import { PageHeading, Section } from '../ui.js';

export default function LegalNotice() {
  return (
    <>
      <PageHeading title="Mentions légales" />
      <Section title="Éditeur" id="editeur">
        <Typography paragraph>Le Portail Famille est édité par la commune, service Enfance. Directeur de la publication : le maire de la commune.</Typography>
      </Section>
      <Section title="Données personnelles" id="donnees">
        <Typography paragraph>
          Les informations recueillies sont nécessaires à la gestion de votre dossier famille par la commune (article 6.1.e du RGPD). Les données de santé des enfants
          sont chiffrées et chaque consultation par un agent est journalisée. Elles sont conservées au plus trois ans après le départ de l’enfant.
        </Typography>
        <Typography paragraph>
          Vous pouvez exercer vos droits d’accès, de rectification et d’effacement auprès du service Enfance, et introduire une réclamation auprès de la CNIL.
        </Typography>
      </Section>
      <Section title="Accessibilité" id="accessibilite">
        <Typography paragraph>
          Le portail vise la conformité au référentiel général d’amélioration de l’accessibilité (RGAA 4.1). Si vous ne parvenez pas à accéder à un contenu ou à un service,
          contactez le service Enfance de votre mairie.
        </Typography>
      </Section>
      <Section title="Cookies" id="cookies">
        <Typography paragraph>Le portail n’utilise qu’un cookie de session, nécessaire à la connexion ; aucun cookie de mesure d’audience ni de publicité.</Typography>
      </Section>
    </>
  );
}
