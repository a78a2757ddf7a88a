// What the parents' and the agents' frames share: the skip link, which menu entry is the current
// page, and a menu entry in the drawer.
import type { ReactNode } from 'react';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MuiLink from '@mui/material/Link';

/** « Aller au contenu »: hidden until focused, it moves the focus to the main landmark. */
export function SkipLink() {
  return (
    <MuiLink
      href="#contenu"
      component="a"
      onClick={(e: React.MouseEvent) => {
        e.preventDefault();
        document.getElementById('contenu')?.focus();
      }}
      sx={{ position: 'absolute', left: 8, top: -48, zIndex: 2000, p: 1, bgcolor: 'background.paper', color: 'primary.main', '&:focus': { top: 8 } }}
    >
      Aller au contenu
    </MuiLink>
  );
}

/** Whether the page at `here` belongs to the menu entry `target` (the home entry only to itself). */
export function isCurrentPath(target: string, here: string): boolean {
  return target === '/' ? here === '/' : here === target || here.startsWith(`${target}/`);
}

export interface MenuEntry {
  href: string;
  label: string;
  icon: ReactNode;
}

/** An entry of the drawer's menu; the current page is selected and announced as such. */
export function DrawerMenuItem({ entry, current, onClick }: { entry: MenuEntry; current: boolean; onClick: () => void }) {
  return (
    <ListItemButton href={entry.href} selected={current} aria-current={current ? 'page' : undefined} onClick={onClick}>
      <ListItemIcon aria-hidden="true">{entry.icon}</ListItemIcon>
      <ListItemText primary={entry.label} />
    </ListItemButton>
  );
}
