import { HTTP_METHODS, type OpenApiDocument } from "./openapi.js";

/**
 * The document Redoc renders for a page: the bundled spec, except that a lone tag is dropped.
 *
 * Redoc 3 folds the operations of each tag behind a "+ Show" button, so an API whose one operation sits in
 * its one tag would open on a page that shows no operation at all. When every operation carries the same single
 * tag (or none), the grouping says nothing, and without it Redoc lists the operations right away. The files
 * offered for download are the bundled spec, unchanged.
 */
export function documentForRendering(doc: OpenApiDocument): OpenApiDocument {
  const tagSets = Object.values(doc.paths ?? {}).flatMap((item) =>
    HTTP_METHODS.flatMap((method) => (item[method] ? [item[method].tags ?? []] : [])),
  );
  const distinct = new Set(tagSets.flat());
  if (distinct.size > 1 || tagSets.some((tags) => tags.length > 1)) return doc;
  const copy = structuredClone(doc);
  delete copy.tags;
  for (const item of Object.values(copy.paths ?? {})) {
    for (const method of HTTP_METHODS) delete item[method]?.tags;
  }
  return copy;
}
