// French for the strings JSONForms and its material renderers build themselves (array
// toolbars, dialogs, empty states). Labels and messages of a definition are already French.
import type { JsonFormsI18nState } from '@jsonforms/core';

const fixed: Record<string, string> = {
  removeTooltip: 'Supprimer',
  removeAriaLabel: 'Supprimer cet élément',
  upAriaLabel: 'Monter cet élément',
  downAriaLabel: 'Descendre cet élément',
  up: 'Monter',
  down: 'Descendre',
  noDataMessage: 'Aucune donnée',
  noSelection: 'Aucune sélection',
  deleteDialogTitle: 'Confirmer la suppression',
  deleteDialogMessage: 'Voulez-vous vraiment supprimer cet élément ?',
  deleteDialogAccept: 'Oui, supprimer',
  deleteDialogDecline: 'Non',
  clearDialogTitle: 'Effacer le formulaire ?',
  clearDialogMessage: 'Vos données seront effacées. Voulez-vous continuer ?',
  clearDialogAccept: 'Oui',
  clearDialogDecline: 'Non',
  'enum.none': 'Aucun',
};

/** JSONForms translator: keys are "<path>.<name>"; only the renderers' own names are translated. */
export function translate(id: string, defaultMessage: string | undefined): string | undefined {
  const name = id.slice(id.lastIndexOf('.') + 1);
  if (id.endsWith('enum.none')) return fixed['enum.none'];
  if (name === 'addTooltip' || name === 'addAriaLabel') {
    const target = defaultMessage?.match(/^Add to (.+?)( button)?$/)?.[1];
    return target ? `Ajouter : ${target}` : 'Ajouter';
  }
  if (name in fixed) return fixed[name];
  if (name === 'label' || name === 'description') return defaultMessage;
  // "error.<keyword>" and the like: keep the message we were given (server messages are French).
  return defaultMessage;
}

export const frenchI18n: JsonFormsI18nState = { locale: 'fr', translate: translate as JsonFormsI18nState['translate'] };

/** Options merged into every control's options (date display as the French read it). */
export const formsConfig = {
  dateFormat: 'DD/MM/YYYY',
  dateTimeFormat: 'DD/MM/YYYY HH:mm',
  timeFormat: 'HH:mm',
  clearLabel: 'Effacer',
  cancelLabel: 'Annuler',
  okLabel: 'Valider',
  showUnfocusedDescription: true,
};
