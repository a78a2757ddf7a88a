// "Guide d'utilisation": how the portal works, after the municipality's manual.
import Typography from '@mui/material/Typography';
import { PageHeading, Section } from '../ui.js';

const SECTIONS: [string, string[]][] = [
  ['Première connexion', [
    'Cliquez sur « Se connecter » puis « Générer un mot de passe ». Saisissez l’adresse mail connue de votre compte famille : un lien vous est envoyé par mail.',
    'Ouvrez le lien, choisissez un mot de passe (un code couleur vous indique son niveau de sécurité), saisissez-le à nouveau pour le confirmer, puis cliquez sur « Modifier votre mot de passe ».',
    'Ces étapes valent aussi en cas d’oubli de votre mot de passe. Ensuite, connectez-vous avec votre adresse mail et votre mot de passe.',
  ]],
  ['Votre espace famille', [
    '« Accueil Portail famille » vous ramène à Mon espace. L’icône de déconnexion ferme votre session. Les icônes du bandeau mènent au paiement des factures, au planning de réservation et à votre profil.',
    'Le menu (en haut à gauche) donne accès à Mon espace, Mes enfants, Mon profil, Mes factures, Mes tarifs, Mes contacts, Mon Quotient et Planning.',
  ]],
  ['Les démarches', [
    'Cliquez sur « DÉBUT » pour commencer une démarche. Toutes les démarches s’ouvrent sur une page d’informations légales que vous devez confirmer pour poursuivre.',
    '« Suivant » vérifie l’étape et passe à la suivante ; « Précédent » revient à l’étape précédente ; « Enregistrer » sauvegarde votre démarche ; « Annuler » vous ramène à Mon espace, votre brouillon étant conservé.',
    'Vos réponses sont enregistrées automatiquement : une démarche commencée apparaît dans « Mes démarches en cours », bouton « CONTINUER », et reprend à l’étape où vous vous êtes arrêté.',
    'Les démarches 02 et 06 sont à faire avant les démarches 07, 08, 09 et 10 : une démarche indisponible est grisée et indique celle à faire d’abord.',
    'Une démarche envoyée reçoit un N° de traitement et vous recevez un accusé de réception par mail. Si un agent vous la renvoie pour correction, elle revient dans « Mes démarches en cours » avec son message.',
  ]],
  ['Déposer un justificatif', [
    'Cliquez sur « Parcourir » pour choisir un ou plusieurs documents. Formats acceptés : PDF et JPEG, 3 Mo au plus par fichier.',
    'L’œil affiche le document ; la poubelle le supprime. Un justificatif obligatoire manquant empêche l’envoi de la démarche.',
  ]],
];

export default function Guide() {
  return (
    <>
      <PageHeading title="Guide d'utilisation" />
      {SECTIONS.map(([title, paragraphs], i) => (
        <Section key={title} title={title} id={`guide-${i}`}>
          {paragraphs.map((p) => <Typography key={p} paragraph>{p}</Typography>)}
        </Section>
      ))}
    </>
  );
}
