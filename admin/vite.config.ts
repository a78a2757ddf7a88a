// Build of the agents' back office: `npm run build:admin` → dist/admin, served by server/ at
// /admin/ with an SPA fallback (server/http/static.ts).
import { frontEndConfig } from '../renderer/vite.shared.js';

export default frontEndConfig({ root: new URL('.', import.meta.url), base: '/admin/', outDir: 'admin' });
