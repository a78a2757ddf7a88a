// The frame of every back-office page: skip link, top bar (menu, who is connected, logout),
// the navigation (a drawer on small screens, links in the bar on wide ones), the main landmark.
import { useState, type ReactNode } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MuiLink from '@mui/material/Link';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import MenuIcon from '@mui/icons-material/Menu';
import InboxIcon from '@mui/icons-material/Inbox';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import GroupIcon from '@mui/icons-material/Group';
import DescriptionIcon from '@mui/icons-material/Description';
import LogoutIcon from '@mui/icons-material/Logout';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import CalculateIcon from '@mui/icons-material/Calculate';
import EventIcon from '@mui/icons-material/Event';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import SecurityIcon from '@mui/icons-material/Security';
import PaymentsIcon from '@mui/icons-material/Payments';
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import { useRouter } from '../../../renderer/src/router.js';
import { useSession } from '../../../renderer/src/session.js';
import { DrawerMenuItem, isCurrentPath, SkipLink, type MenuEntry } from '../../../renderer/src/layout/shellParts.js';
import { adminApi } from '../api.js';
import { BASE, innerPath, paths } from '../paths.js';
import { billingPaths } from '../billing/paths.js';

function menuFor(role: string | undefined): MenuEntry[] {
  const entries: MenuEntry[] = [
    { href: paths.queues, label: 'Files de traitement', icon: <InboxIcon /> },
    { href: paths.mine, label: 'Pris en charge par moi', icon: <AssignmentIndIcon /> },
    { href: billingPaths.invoices, label: 'Factures', icon: <ReceiptLongIcon /> },
    { href: billingPaths.run, label: 'Facturation', icon: <CalculateIcon /> },
    { href: `${BASE}/paiements`, label: 'Paiements', icon: <PaymentsIcon /> },
    { href: `${BASE}/prelevements`, label: 'Prélèvements', icon: <AccountBalanceIcon /> },
    { href: `${BASE}/activites`, label: 'Activités', icon: <EventIcon /> },
    { href: `${BASE}/presences`, label: 'Présences', icon: <FactCheckIcon /> },
  ];
  if (role === 'admin') entries.push({ href: paths.agents, label: 'Agents', icon: <GroupIcon /> });
  if (role === 'admin') entries.push({ href: `${BASE}/demarches`, label: 'Démarches', icon: <DescriptionIcon /> });
  if (role) entries.push({ href: `${BASE}/securite`, label: 'Double authentification', icon: <SecurityIcon /> });
  return entries;
}

const isCurrent = (href: string, pathname: string) => isCurrentPath(innerPath(href), innerPath(pathname));

export function AdminShell({ children }: { children: ReactNode }) {
  const { user, refresh } = useSession();
  const { location, navigate } = useRouter();
  const [open, setOpen] = useState(false);
  const staff = user && user.role !== 'parent' ? user : null;
  const menu = menuFor(staff?.role);

  const onLogout = async () => {
    setOpen(false);
    await adminApi.logout();
    await refresh();
    navigate(`${paths.login}?deconnecte=1`);
  };

  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <SkipLink />
      <AppBar position="static" component="header" elevation={1}>
        <Toolbar sx={{ gap: 1, px: { xs: 1, sm: 2 }, flexWrap: 'wrap' }}>
          {staff && (
            <IconButton
              color="inherit"
              edge="start"
              aria-label="Ouvrir le menu"
              aria-expanded={open}
              aria-controls="menu-agents"
              onClick={() => setOpen(true)}
              sx={{ display: { md: 'none' } }}
            >
              <MenuIcon />
            </IconButton>
          )}
          <Typography component="p" sx={{ fontWeight: 700, fontSize: { xs: '1rem', sm: '1.15rem' }, mr: 2 }}>
            <MuiLink href={`${BASE}/`} color="inherit" underline="hover">
              Portail Famille — Espace agents
            </MuiLink>
          </Typography>
          {staff && (
            <Box component="nav" aria-label="Navigation principale" sx={{ display: { xs: 'none', md: 'flex' }, gap: 0.5, flexGrow: 1 }}>
              {menu.map((entry) => (
                <Button
                  key={entry.href}
                  href={entry.href}
                  color="inherit"
                  startIcon={entry.icon}
                  aria-current={isCurrent(entry.href, location.pathname) ? 'page' : undefined}
                  sx={{ textTransform: 'none', ...(isCurrent(entry.href, location.pathname) ? { textDecoration: 'underline', textUnderlineOffset: 6 } : {}) }}
                >
                  {entry.label}
                </Button>
              ))}
            </Box>
          )}
          {staff && (
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, ml: 'auto' }}>
              <Typography component="p" variant="body2" sx={{ display: { xs: 'none', sm: 'block' } }}>
                {staff.displayName}
                {staff.role === 'admin' ? ' (administrateur)' : ''}
              </Typography>
              <Button color="inherit" onClick={onLogout} startIcon={<LogoutIcon />} sx={{ textTransform: 'none' }}>
                Se déconnecter
              </Button>
            </Box>
          )}
        </Toolbar>
      </AppBar>
      {staff && (
        <Drawer open={open} onClose={() => setOpen(false)} slotProps={{ paper: { sx: { width: 280 } } }}>
          <nav id="menu-agents" aria-label="Menu de l'espace agents">
            <List>
              {menu.map((entry) => (
                <DrawerMenuItem key={entry.href} entry={entry} current={isCurrent(entry.href, location.pathname)} onClick={() => setOpen(false)} />
              ))}
              <ListItemButton onClick={onLogout}>
                <ListItemIcon aria-hidden="true"><LogoutIcon /></ListItemIcon>
                <ListItemText primary="Se déconnecter" />
              </ListItemButton>
            </List>
          </nav>
        </Drawer>
      )}
      <Box component="main" id="contenu" tabIndex={-1} sx={{ flexGrow: 1, width: '100%', maxWidth: 1400, mx: 'auto', py: { xs: 2, sm: 3 }, px: { xs: 1.5, sm: 3 }, outline: 'none', minWidth: 0 }}>
        {children}
      </Box>
    </Box>
  );
}
