// Entry of the parents' app. Kept small: the shell, the router and the session; every page
// is a lazy chunk (the dossier wizard with JSONForms and the password meter above all).
import { mountApp } from './mount.js';
import { App } from './App.js';

mountApp(App);
