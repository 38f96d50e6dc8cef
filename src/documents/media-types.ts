/**
 * The media types of the files offices share, by file extension: `dipr document add` reads a file's type from its
 * extension, and the document proxy names a download by its type.
 */
export const MEDIA_TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  ".pdf": "application/pdf",
  ".xml": "application/xml",
  ".json": "application/json",
  ".txt": "text/plain",
  ".html": "text/html",
  ".tif": "image/tiff",
  ".tiff": "image/tiff",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".zip": "application/zip",
};

/** The first extension listed for `mediaType` (`.pdf`), or "" for a type the table does not know. */
export function extensionOf(mediaType: string): string {
  return Object.entries(MEDIA_TYPES_BY_EXTENSION).find(([, type]) => type === mediaType)?.[0] ?? "";
}
