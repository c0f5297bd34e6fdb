/** Controls and docs come from the custom-elements manifest the elements' build writes. */
import { setCustomElementsManifest, type Preview } from '@storybook/web-components';
import manifest from '../packages/elements/custom-elements.json';

setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
  },
};

export default preview;
