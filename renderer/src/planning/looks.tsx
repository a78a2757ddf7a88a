// Colours and icons of the calendar (manual: vert = réservé, jaune = demande de réservation,
// rouge = annulé, orange = réservé à confirmer / liste d'attente, gris = hors délai). Colour is
// never alone: every look has an icon and a text. Text/background pairs are ≥ 4.5:1 (WCAG AA).
import type SvgIcon from '@mui/material/SvgIcon';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import PendingActionsIcon from '@mui/icons-material/PendingActions';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import CancelIcon from '@mui/icons-material/Cancel';
import ScheduleIcon from '@mui/icons-material/Schedule';
import FormatListNumberedIcon from '@mui/icons-material/FormatListNumbered';
import BlockIcon from '@mui/icons-material/Block';
import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutline';
import GroupsIcon from '@mui/icons-material/Groups';
import LockIcon from '@mui/icons-material/Lock';
import DoNotDisturbOnIcon from '@mui/icons-material/DoNotDisturbOn';
import MoneyOffIcon from '@mui/icons-material/MoneyOff';
import type { LookKey } from './cellView.js';

export interface Look {
  bg: string;
  fg: string;
  border: string;
  borderStyle: 'solid' | 'dashed';
  Icon: typeof SvgIcon;
}

const green = { bg: '#cdebd3', fg: '#0d4a22', border: '#1b6e3a', borderStyle: 'solid' as const };
const yellow = { bg: '#ffe873', fg: '#3d3000', border: '#8a6f00', borderStyle: 'solid' as const };
const red = { bg: '#fbd5d2', fg: '#7a1a14', border: '#b3261e', borderStyle: 'solid' as const };
const orange = { bg: '#ffd9b0', fg: '#5c3100', border: '#b35c00', borderStyle: 'solid' as const };
const grey = { bg: '#eceff3', fg: '#3d3d3d', border: '#8a939d', borderStyle: 'solid' as const };

export const LOOKS: Record<LookKey, Look> = {
  booked: { ...green, Icon: CheckCircleIcon },
  pendingBook: { ...yellow, Icon: PendingActionsIcon },
  pendingCancel: { ...yellow, border: '#b3261e', borderStyle: 'dashed', Icon: EventBusyIcon },
  cancelled: { ...red, Icon: CancelIcon },
  requested: { ...orange, Icon: ScheduleIcon },
  waiting: { ...orange, Icon: FormatListNumberedIcon },
  refused: { ...red, Icon: BlockIcon },
  bookable: { bg: '#ffffff', fg: '#0b4f8a', border: '#0b4f8a', borderStyle: 'solid', Icon: AddCircleOutlineIcon },
  full: { bg: '#ffffff', fg: '#5c3100', border: '#b35c00', borderStyle: 'dashed', Icon: GroupsIcon },
  past: { ...grey, Icon: LockIcon },
  closed: { ...grey, borderStyle: 'dashed', Icon: DoNotDisturbOnIcon },
  blocked: { ...grey, Icon: MoneyOffIcon },
};

/** Order and explanation of the legend (« Aide »). */
export const LEGEND: { key: LookKey; text: string }[] = [
  { key: 'booked', text: 'La réservation est validée (vert).' },
  { key: 'pendingBook', text: 'Vous avez cliqué sur l’activité : la demande sera envoyée en cliquant sur « Enregistrer » (jaune).' },
  { key: 'pendingCancel', text: 'Vous avez cliqué sur une réservation : l’annulation sera envoyée en cliquant sur « Enregistrer » (jaune).' },
  { key: 'cancelled', text: 'La réservation a été annulée (rouge).' },
  { key: 'requested', text: 'La demande attend la confirmation du service (orange).' },
  { key: 'waiting', text: 'L’activité est complète : votre enfant est sur la liste d’attente, à son rang (orange).' },
  { key: 'refused', text: 'La demande n’a pas été acceptée ; le motif est indiqué (rouge).' },
  { key: 'bookable', text: 'La réservation est possible : cliquez pour la demander (blanc).' },
  { key: 'full', text: 'L’activité est complète : une demande place votre enfant sur la liste d’attente.' },
  { key: 'past', text: 'La réservation est passée ou le délai est dépassé : la modification est fermée (gris).' },
  { key: 'closed', text: 'La réservation est fermée pour cette activité ce jour-là : fermeture, vacances, jour férié (gris).' },
  { key: 'blocked', text: 'Les nouvelles réservations sont bloquées tant qu’un impayé dépasse le seuil : contactez le service (gris).' },
];
