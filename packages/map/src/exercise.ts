import { expandLink } from '@halway/hal';
import { choicesOf, type Crawler, type Seen } from './crawler.js';
import { sampleValues } from './sample-values.js';

/** How hard `--exercise` works. */
export interface ExerciseLimits {
  /** Unsafe submissions at most (default 40). */
  maxSubmissions?: number;
  /** After a submission, wait until nothing has changed for this long (ms, default 800). */
  settle?: number;
  /** ...but never longer than this (ms, default 8000). */
  maxSettle?: number;
}

/** How to get a fresh resource in a state: from a resource in another, by a link or a form. */
type Recipe = { from: string; rel: string } | { from: string; form: string };

// Least destructive first: a change keeps the resource around for the other forms to try.
const METHOD_RANK: Record<string, number> = { PATCH: 0, PUT: 1, POST: 2, DELETE: 3 };
const POLL_INTERVAL = 100;
const REACH_DEPTH = 6;

/**
 * Submits every unsafe form of every state seen, once, with values generated from its
 * constraints, and follows what it leads to: the result, the resources that changed elsewhere
 * after it (recorded as effects, such as an order becoming paid after its payment), and the
 * links they now offer. A state whose forms are all tried is reproduced when needed by
 * replaying how it was first reached (a new order to cancel, say). Returns how many forms were
 * submitted.
 */
export async function exerciseWorkflow(
  crawler: Crawler,
  limits: ExerciseLimits,
  onProgress: (submissions: number) => void,
): Promise<number> {
  const maxSubmissions = limits.maxSubmissions ?? 40;
  const settle = limits.settle ?? 800;
  const maxSettle = limits.maxSettle ?? 8000;
  const { builder } = crawler;
  const tried = new Set<string>();
  const recipes = new Map<string, Recipe>();
  let submissions = 0;

  const live = (state: string) => [...crawler.seen.values()].find((seen) => seen.id === state);

  const refresh = async (cause: { url: string; from: string; form: string; title: string }) => {
    const last = new Map([...crawler.seen].map(([url, seen]) => [url, seen.id]));
    const deadline = Date.now() + maxSettle;
    let quietSince = Date.now();
    while (Date.now() - quietSince < settle && Date.now() < deadline && crawler.withinLimits) {
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL));
      for (const [url, seen] of [...crawler.seen]) await crawler.load(url, seen.depth, true);
      for (const [url, latest] of crawler.seen) {
        const before = last.get(url);
        if (before === latest.id) continue;
        quietSince = Date.now();
        last.set(url, latest.id);
        if (before === undefined) continue;
        recipes.set(latest.id, recipes.get(latest.id) ?? { from: cause.from, form: cause.form });
        const own = url === cause.url;
        builder.addTransition({
          from: before,
          to: latest.id,
          type: own ? 'form' : 'effect',
          name: cause.form,
          safe: false,
          ...(own
            ? { title: cause.title }
            : { cause: `${builder.kindOf(cause.from)} ${cause.form}` }),
        });
      }
    }
    for (const url of [...crawler.seen.keys()]) await crawler.crawl(url);
  };

  const submit = async (seen: Seen, name: string): Promise<void> => {
    const form = seen.state.form(name);
    if (!crawler.allowed(form.target) || submissions >= maxSubmissions) return;
    submissions++;
    onProgress(submissions);
    try {
      const values = sampleValues(form.fields, await choicesOf(form));
      const result = await form.submit(values);
      builder.countDocument();
      const led =
        result.status === 204 || !result.document._links
          ? await crawler.load(seen.state.url, seen.depth, true)
          : await crawler.record(result, seen.depth + 1);
      if (led) {
        recipes.set(led.id, recipes.get(led.id) ?? { from: seen.id, form: name });
        builder.addTransition({
          from: seen.id,
          to: led.id,
          type: 'form',
          name,
          title: form.title,
          safe: false,
          method: form.method.toUpperCase(),
        });
      }
    } catch (error) {
      builder.addError(form.target, `${name}: ${(error as Error).message}`);
    }
    await refresh({ url: seen.state.url, from: seen.id, form: name, title: form.title });
  };

  // A resource in `state` now: one seen in it (checked again), else one made by its recipe.
  const reach = async (state: string, depth: number): Promise<Seen | undefined> => {
    const found = live(state);
    if (found) {
      const now = await crawler.load(found.state.url, found.depth, true);
      if (now?.id === state) return now;
    }
    if (depth === 0) return undefined;
    for (const recipe of recipesOf(state)) {
      const parent = await reach(recipe.from, depth - 1);
      if (!parent) continue;
      if ('form' in recipe) await submit(parent, recipe.form);
      else {
        const link = parent.state.link(recipe.rel);
        if (link) await crawler.load(expandLink(link, {}), parent.depth + 1, true);
      }
      const made = live(state);
      if (made) return made;
    }
    return undefined;
  };

  const recipesOf = (state: string): Recipe[] => {
    const byLink = builder.transitions
      .filter((edge) => edge.to === state && edge.type === 'link' && edge.from !== state)
      .map((edge) => ({ from: edge.from, rel: edge.name }));
    const own = recipes.get(state);
    return [...(own ? [own] : []), ...byLink].slice(0, 3);
  };

  while (submissions < maxSubmissions && crawler.withinLimits) {
    const candidates = builder.states
      .flatMap((state) => state.forms.map((form) => ({ state: state.id, form })))
      .filter(({ state, form }) => {
        const method = builder.formMethod(builder.kindOf(state), form) ?? 'GET';
        return method !== 'GET' && !tried.has(`${state} ${form}`);
      })
      .map((candidate) => ({
        ...candidate,
        live: live(candidate.state) !== undefined,
        rank:
          METHOD_RANK[builder.formMethod(builder.kindOf(candidate.state), candidate.form)!] ?? 2,
      }))
      .sort((a, b) => Number(b.live) - Number(a.live) || a.rank - b.rank);
    const next = candidates[0];
    if (!next) break;
    tried.add(`${next.state} ${next.form}`);
    const seen = await reach(next.state, REACH_DEPTH);
    if (seen) await submit(seen, next.form);
  }
  return submissions;
}
