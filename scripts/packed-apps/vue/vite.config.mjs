import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Vue renders heard-* tags as the custom elements they are, not as Vue components.
export default defineConfig({
  base: './',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('heard-') } } })],
});
