/**
 * The widgets the dashboard lists, by view, and the view a link names: a widget's
 * (`#polls/<id>`) or the team's webhooks (`#webhooks`).
 */
import type { WidgetActivity } from '@heard/protocol';

export const KINDS = ['nps', 'polls', 'boards', 'betas'] as const;
export type Kind = (typeof KINDS)[number];

/** The view an event type belongs to. */
export const kindOf = (type: string): Kind | undefined =>
  type.startsWith('nps.')
    ? 'nps'
    : type.startsWith('poll.')
      ? 'polls'
      : type.startsWith('idea.')
        ? 'boards'
        : type.startsWith('beta.')
          ? 'betas'
          : undefined;

export interface Widget {
  kind: Kind;
  id: string;
  events: number;
}

/** One entry per widget and view, with all its events counted, in the order of `KINDS`. */
export const widgetsOf = (rows: WidgetActivity[]): Widget[] => {
  const widgets = new Map<string, Widget>();
  for (const row of rows) {
    const kind = kindOf(row.type);
    if (!kind) continue;
    const key = `${kind}/${row.widget}`;
    const widget = widgets.get(key) ?? { kind, id: row.widget, events: 0 };
    widget.events += row.events;
    widgets.set(key, widget);
  }
  return [...widgets.values()].sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
};

/** A widget's view, or the webhooks the team registered. */
export type Route = { kind: Kind; id: string } | { kind: 'webhooks' };

/** The view a location hash names, such as `#polls/pricing` or `#webhooks`. */
export const routeOf = (hash: string): Route | undefined => {
  const [kind, ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (kind === 'webhooks' && !rest.length) return { kind };
  return KINDS.includes(kind as Kind) && rest.length
    ? { kind: kind as Kind, id: decodeURIComponent(rest.join('/')) }
    : undefined;
};
