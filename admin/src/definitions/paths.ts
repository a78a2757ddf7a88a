// Addresses of the definition editor, under the back office's /admin/.
import { BASE } from '../paths.js';

export const definitionPaths = {
  list: `${BASE}/demarches`,
  editor: (code: string) => `${BASE}/demarches/${encodeURIComponent(code)}`,
};
