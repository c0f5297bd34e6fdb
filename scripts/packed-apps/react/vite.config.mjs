import { defineConfig } from 'vite';

// JSX with React's automatic runtime: Vite's own transform does it, no plugin needed.
export default defineConfig({ base: './', oxc: { jsx: { runtime: 'automatic' } } });
