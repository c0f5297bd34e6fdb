/** Heard in a Vue 3 app: `vue-tsc` checks the template's <heard-poll> through `@heard/elements/vue`. */
import type {} from '@heard/elements/vue';
import { createApp } from 'vue';
import { configure } from '@heard/sdk';
import '@heard/elements/define/poll';
import App from './App.vue';

configure({ endpoint: new URL('collector', document.baseURI).href });
createApp(App).mount('#app');
