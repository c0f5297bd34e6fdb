/** Every element the script tag loads, by tag, in the loader's order (the build reads this list to make a file for each). */
export const TAGS = ['heard-poll', 'heard-nps', 'heard-idea-box', 'heard-beta-signup', 'heard-launcher'] as const;

export type Tag = (typeof TAGS)[number];

/** Loads the classes of some elements at once: a module exporting each class under its tag. */
export type LoadElements = (tags: Tag[]) => Promise<Partial<Record<Tag, CustomElementConstructor>>>;
