// Texts of the account mails (French, plain text). Démarche mails come from definitions.
export interface MailText {
  subject: string;
  body: string;
}

const SIGNATURE = '\n\nLe service Enfance — Portail Famille';

export function passwordLinkMail(link: string, first: boolean, hours: number): MailText {
  return first
    ? {
        subject: 'Votre premier accès au Portail Famille',
        body: `Bonjour,\n\nPour choisir votre mot de passe et accéder à votre espace famille, cliquez sur le lien ci-dessous :\n\n${link}\n\nCe lien ne sert qu'une fois et reste valable ${hours} heures. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.${SIGNATURE}`,
      }
    : {
        subject: 'Réinitialisation de votre mot de passe',
        body: `Bonjour,\n\nPour choisir un nouveau mot de passe, cliquez sur le lien ci-dessous :\n\n${link}\n\nCe lien ne sert qu'une fois et reste valable ${hours} heure. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.${SIGNATURE}`,
      };
}

export function passwordChangedMail(): MailText {
  return {
    subject: 'Votre mot de passe a été modifié',
    body: `Bonjour,\n\nLe mot de passe de votre compte Portail Famille vient d'être modifié. Toutes vos autres sessions ont été fermées.\n\nSi vous n'êtes pas à l'origine de ce changement, demandez immédiatement un nouveau mot de passe avec « Mot de passe oublié » et prévenez le service Enfance.${SIGNATURE}`,
  };
}

export function emailChangeMail(link: string): MailText {
  return {
    subject: 'Confirmez votre nouvelle adresse mail',
    body: `Bonjour,\n\nPour confirmer cette adresse comme identifiant de votre compte Portail Famille, cliquez sur le lien ci-dessous :\n\n${link}\n\nCe lien ne sert qu'une fois et reste valable 24 heures.${SIGNATURE}`,
  };
}

export function emailChangedMail(newEmail: string): MailText {
  return {
    subject: 'Votre adresse de connexion a été modifiée',
    body: `Bonjour,\n\nL'adresse de connexion de votre compte Portail Famille est désormais ${newEmail}.\n\nSi vous n'êtes pas à l'origine de ce changement, prévenez immédiatement le service Enfance.${SIGNATURE}`,
  };
}
