// The frame of every page: skip link, header (hamburger menu, "Accueil Portail famille",
// the application icons, logout), the main landmark, and the footer links.
import { useState, type ReactNode } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Container from '@mui/material/Container';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListSubheader from '@mui/material/ListSubheader';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import MuiLink from '@mui/material/Link';
import MenuIcon from '@mui/icons-material/Menu';
import HomeIcon from '@mui/icons-material/Home';
import ChildCareIcon from '@mui/icons-material/ChildCare';
import PersonIcon from '@mui/icons-material/Person';
import ReceiptIcon from '@mui/icons-material/ReceiptLong';
import EuroIcon from '@mui/icons-material/Euro';
import ContactsIcon from '@mui/icons-material/Contacts';
import CalculateIcon from '@mui/icons-material/Calculate';
import EventIcon from '@mui/icons-material/Event';
import LogoutIcon from '@mui/icons-material/Logout';
import { useRouter } from '../router.js';
import { useSession } from '../session.js';
import { DrawerMenuItem, isCurrentPath, SkipLink, type MenuEntry } from './shellParts.js';

export const MENU: MenuEntry[] = [
  { href: '/', label: 'Mon espace', icon: <HomeIcon /> },
  { href: '/enfants', label: 'Mes enfants', icon: <ChildCareIcon /> },
  { href: '/profil', label: 'Mon profil', icon: <PersonIcon /> },
  { href: '/factures', label: 'Mes factures', icon: <ReceiptIcon /> },
  { href: '/tarifs', label: 'Mes tarifs', icon: <EuroIcon /> },
  { href: '/contacts', label: 'Mes contacts', icon: <ContactsIcon /> },
];
export const MENU_AXES: MenuEntry[] = [
  { href: '/quotient', label: 'Mon Quotient', icon: <CalculateIcon /> },
  { href: '/planning', label: 'Planning', icon: <EventIcon /> },
];

export function AppShell({ children }: { children: ReactNode }) {
  const { user, logout } = useSession();
  const { location, navigate } = useRouter();
  const [open, setOpen] = useState(false);
  const signedIn = Boolean(user);

  const onLogout = async () => {
    await logout();
    navigate('/connexion?deconnecte=1');
  };

  const menuItem = (entry: MenuEntry) => (
    <DrawerMenuItem key={entry.href} entry={entry} current={isCurrentPath(entry.href, location.pathname)} onClick={() => setOpen(false)} />
  );

  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <SkipLink />
      <AppBar position="static" component="header" elevation={1}>
        <Toolbar sx={{ gap: 1, px: { xs: 1, sm: 2 } }}>
          {signedIn && (
            <IconButton color="inherit" edge="start" aria-label="Ouvrir le menu" aria-expanded={open} aria-controls="menu-principal" onClick={() => setOpen(true)}>
              <MenuIcon />
            </IconButton>
          )}
          <Typography component="p" sx={{ flexGrow: 1, fontWeight: 700, fontSize: { xs: '1rem', sm: '1.2rem' }, minWidth: 0 }}>
            <MuiLink href="/" color="inherit" underline="hover">
              Accueil Portail famille
            </MuiLink>
          </Typography>
          {signedIn && (
            <Box component="nav" aria-label="Accès rapides" sx={{ display: 'flex' }}>
              <Tooltip title="Payer mes factures">
                <IconButton color="inherit" href="/factures" aria-label="Payer mes factures">
                  <ReceiptIcon />
                </IconButton>
              </Tooltip>
              <Tooltip title="Planning de réservation">
                <IconButton color="inherit" href="/planning" aria-label="Planning de réservation">
                  <EventIcon />
                </IconButton>
              </Tooltip>
              <Tooltip title="Mon profil">
                <IconButton color="inherit" href="/profil" aria-label="Mon profil">
                  <PersonIcon />
                </IconButton>
              </Tooltip>
              <Tooltip title="Se déconnecter">
                <IconButton color="inherit" onClick={onLogout} aria-label={`Se déconnecter${user?.displayName ? ` (${user.displayName})` : ''}`}>
                  <LogoutIcon />
                </IconButton>
              </Tooltip>
            </Box>
          )}
        </Toolbar>
      </AppBar>
      {signedIn && (
        <Drawer open={open} onClose={() => setOpen(false)} slotProps={{ paper: { sx: { width: 280 } } }}>
          <nav id="menu-principal" aria-label="Menu principal">
            <List>{MENU.map(menuItem)}</List>
            <List subheader={<ListSubheader component="p">Menu axes</ListSubheader>}>{MENU_AXES.map(menuItem)}</List>
          </nav>
        </Drawer>
      )}
      <Container component="main" id="contenu" tabIndex={-1} maxWidth="lg" sx={{ flexGrow: 1, py: { xs: 2, sm: 3 }, px: { xs: 1.5, sm: 3 }, outline: 'none' }}>
        {children}
      </Container>
      <Box component="footer" sx={{ borderTop: 1, borderColor: 'divider', bgcolor: 'background.paper', py: 2 }}>
        <Container maxWidth="lg" sx={{ display: 'flex', gap: 3, flexWrap: 'wrap' }}>
          <MuiLink href="/guide">Guide d'utilisation</MuiLink>
          <MuiLink href="/mentions-legales">Mentions légales</MuiLink>
        </Container>
      </Box>
    </Box>
  );
}
