import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import './styles/app.css'

/**
 * Renderer entry: mounts the React tree into #root.
 *
 * Why: a module script (no inline script) so the strict CSP `script-src 'self'` holds.
 */
const root = document.getElementById('root')
if (!root) throw new Error('NanoForge: #root element missing from index.html')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
