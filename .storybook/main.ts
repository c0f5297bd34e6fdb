/** Storybook for Heard's elements: stories live beside each component. */
import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions } from 'vite';

const config: StorybookConfig = {
  stories: ['../packages/elements/src/**/*.stories.ts'],
  // A Docs page per element (tagged `autodocs`), made from the custom-elements manifest.
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  // Designers open it to look at widgets, not to learn Storybook.
  features: { sidebarOnboardingChecklist: false },
  async viteFinal(vite) {
    // Workspace packages straight from their sources: no build needed for stories.
    return { ...vite, resolve: { ...vite.resolve, conditions: ['source', ...defaultClientConditions] } };
  },
};

export default config;
