/** Every element the script tag loads, by tag, in the order that names a set of them (`chunks/poll_nps-V.js`). */
export const TAGS = ['heard-poll', 'heard-nps', 'heard-idea-box', 'heard-beta-signup', 'heard-launcher'] as const;

export type Tag = (typeof TAGS)[number];

/** Loads the classes of some elements at once: a module exporting each class under its tag. */
export type LoadElements = (tags: Tag[]) => Promise<Partial<Record<Tag, CustomElementConstructor>>>;
