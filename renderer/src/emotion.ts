// Emotion (MUI's CSS engine) injects <style> tags. Under a strict CSP they must carry the
// per-response nonce, which the server writes into <meta property="csp-nonce" nonce="…">
// (Vite's html.cspNonce placeholder). Without a real nonce (vite dev), none is set.
import createCache from '@emotion/cache';

function readNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  // Browsers hide the nonce attribute from getAttribute once applied; the property keeps it.
  const nonce = meta?.nonce || meta?.getAttribute('nonce') || '';
  return nonce && !nonce.includes('CSP_NONCE') ? nonce : undefined;
}

export const emotionCache = createCache({ key: 'pf', nonce: readNonce(), prepend: true });
