import type { FieldValues, Resolver } from "react-hook-form";

/**
 * A react-hook-form resolver whose schema loads on the form's first validation instead of with
 * the page: the schemas bring zod (about 36 KB gzip), which a page needs only once someone
 * submits or corrects a form. The server action re-validates with the same schema either way.
 */
export function lazyResolver<TInput extends FieldValues, TContext, TOutput>(load: () => Promise<Resolver<TInput, TContext, TOutput>>): Resolver<TInput, TContext, TOutput> {
  let loading: Promise<Resolver<TInput, TContext, TOutput>> | null = null;
  return async (values, context, options) => {
    loading ??= load().catch((err: unknown) => {
      // A failed download is tried again on the next validation.
      loading = null;
      throw err;
    });
    return (await loading)(values, context, options);
  };
}
