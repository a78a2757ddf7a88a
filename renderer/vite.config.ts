// Build of the parents' app: `npm run build:renderer` → dist/renderer (served by server/ with an SPA fallback).
import { frontEndConfig } from './vite.shared.js';

export default frontEndConfig({ root: new URL('.', import.meta.url), base: '/', outDir: 'renderer' });
