// Entry of the agents' back office. Same theme, router, session and Emotion nonce as the
// parents' app (renderer/src/mount.tsx); the dossier page (JSONForms definitions) is a lazy chunk.
import { mountApp } from '../../renderer/src/mount.js';
import { App } from './App.js';

mountApp(App);
